package org.earshot.cli;

import java.util.concurrent.Callable;

import org.earshot.kit.Kit;
import picocli.CommandLine.Command;

/** {@code earshot catalog}: the installed sections, their lessons and exercises, as text. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "List the installed sections with their lessons and exercises.")
final class CatalogCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println(Kit.catalog().toMimeBundle().plainText());
        return 0;
    }
}

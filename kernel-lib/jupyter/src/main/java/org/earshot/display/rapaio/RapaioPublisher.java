package org.earshot.display.rapaio;

import org.earshot.display.DisplayPublisher;
import org.rapaio.jupyter.kernel.global.Global;

/**
 * Publishes {@link org.earshot.display.Display#show(Object)} through rapaio-jupyter-kernel. Active only in a JVM
 * started by the Earshot kernelspec, which sets the system property {@value #KERNEL_PROPERTY} to {@code rapaio}.
 */
public final class RapaioPublisher implements DisplayPublisher {

    /** System property naming the kernel this JVM runs. */
    public static final String KERNEL_PROPERTY = "earshot.kernel";

    @Override
    public boolean isActive() {
        return "rapaio".equals(System.getProperty(KERNEL_PROPERTY));
    }

    @Override
    public void publish(Object value) {
        Global.display(value); // the display id it returns is dropped on purpose: show(x) echoes nothing
    }
}

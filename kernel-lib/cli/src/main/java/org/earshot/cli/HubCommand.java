package org.earshot.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.earshot.classroom.Accounts;
import org.earshot.classroom.Hub;
import org.earshot.classroom.HubLoadTest;
import org.earshot.classroom.Roster;
import org.earshot.kit.Kit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code earshot hub}: a JupyterHub for a class on this machine ({@link Hub}); thin, the logic is in the library. */
@Command(name = "hub", mixinStandardHelpOptions = true,
        description = {"A JupyterHub for a class on this machine: 127.0.0.1 only, run as root, local accounts checked by"
                + " PAM (JupyterHub's PAMAuthenticator), each student's server started as that student in their home"
                + " (LocalProcessSpawner) with the 'earshot' kernel installed system-wide from a copy of the kit in "
                + "/usr/local/share/earshot.",
                "Limits per student, as enforced here: memory (--mem) and CPU (--cpus) by a cgroup per student where"
                + " the machine lets the hub make one (cgroup v2, or v1 memory/cpu; './earshot hub status' says which),"
                + " else NOT enforced; processes and threads (--nproc) by RLIMIT_NPROC of the student's uid (prlimit),"
                + " always enforced; disk space is NOT limited (no quotas); a student's own kernelspec in ~/.local is"
                + " not prevented. Put the hub behind TLS (a reverse proxy) before opening it beyond 127.0.0.1.",
                "Typical session: add-students roster.csv; start --admin teacher; ./earshot course release ...;"
                + " status; stop."},
        subcommands = {HubCommand.Start.class, HubCommand.Stop.class, HubCommand.Status.class,
                HubCommand.AddStudents.class, HubCommand.RemoveStudents.class, HubCommand.LoadTest.class})
final class HubCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing command: start, stop, status, add-students, remove-students or loadtest");
    }

    static Path defaultState() {
        return Kit.home().resolve("build/hub");
    }

    static int fail(String command, Exception e) {
        System.err.println("earshot hub " + command + ": " + e.getMessage());
        return 1;
    }

    static class StateOption {
        @Option(names = "--state", paramLabel = "DIR",
                description = "The hub's folder: its log (jupyterhub.log), database, pid, service token and "
                        + "limits.json (default: build/hub of the kit).")
        Path state;

        Path state() {
            return (state != null ? state : defaultState()).toAbsolutePath().normalize();
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the hub in the background on 127.0.0.1 (installs the kit copy and the system-wide "
                    + "kernelspec first). Needs root.")
    static final class Start implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StateOption state = new StateOption();

        @Option(names = "--port", defaultValue = "8000", description = "The hub's port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--admin", split = ",", paramLabel = "USER",
                description = "The instructor's login(s): JupyterHub admins (an existing account each).")
        List<String> admins = List.of();

        @Option(names = "--group", defaultValue = Accounts.DEFAULT_GROUP,
                description = "The Unix group whose members may log in (default ${DEFAULT-VALUE}).")
        String group;

        @Option(names = "--mem", defaultValue = "2G", description = "Memory per student, e.g. 2G (default ${DEFAULT-VALUE}); '' for none.")
        String memory;

        @Option(names = "--cpus", defaultValue = "1", description = "CPU cores per student (default ${DEFAULT-VALUE}); 0 for none.")
        double cpus;

        @Option(names = "--nproc", defaultValue = "2048",
                description = "Processes and threads per student (default ${DEFAULT-VALUE}; a kernel JVM uses about 30); 0 for none.")
        int nproc;

        @Override
        public Integer call() {
            try {
                for (String admin : admins) {
                    if (Accounts.lookup(admin).isEmpty()) {
                        throw new IOException("--admin " + admin + ": no such account on this machine (useradd -m " + admin + ")");
                    }
                }
                if (group.isBlank()) {
                    throw new IOException("--group must name a group");
                }
                System.out.println("earshot hub: " + Hub.installKit(Kit.home(), Hub.SYSTEM_KIT, Hub.SYSTEM_KERNELS));
                Hub.Running r = Hub.start(Kit.home(), state.state(),
                        new Hub.Options(port, admins, group, memory, cpus, nproc), Duration.ofSeconds(90));
                Hub.describe(state.state(), r).forEach(l -> System.out.println("earshot hub: " + l));
                System.out.println("earshot hub: students log in at " + r.url() + " with their passwords; stop with"
                        + " ./earshot hub stop" + (state.state == null ? "" : " --state " + state.state()));
                return 0;
            } catch (IOException | InterruptedException e) {
                return fail("start", e);
            }
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop the hub, every student's server and kernel, and the proxy; leaves no process behind.")
    static final class Stop implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StateOption state = new StateOption();

        @Override
        public Integer call() {
            try {
                boolean was = Hub.running(state.state()).isPresent();
                int left = Hub.stop(state.state(), Duration.ofSeconds(30));
                System.out.println("earshot hub: " + (was ? "stopped" : "no hub was running from " + state.state())
                        + (left > 0 ? "; " + left + " leftover processes ended" : ""));
                return 0;
            } catch (IOException | InterruptedException e) {
                return fail("stop", e);
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say whether the hub runs, its address, users, running servers and which limits are enforced."
                    + " Exit 0 when it runs, 3 when not.")
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StateOption state = new StateOption();

        @Override
        public Integer call() {
            try {
                Optional<Hub.Running> r = Hub.running(state.state());
                if (r.isEmpty()) {
                    System.out.println("earshot hub: not running (state " + state.state() + ")");
                    return 3;
                }
                Hub.describe(state.state(), r.get()).forEach(l -> System.out.println("earshot hub: " + l));
                return 0;
            } catch (IOException e) {
                return fail("status", e);
            }
        }
    }

    @Command(name = "add-students", mixinStandardHelpOptions = true,
            description = {"Create a local account per roster row (home folder, bash, in the course group) and print"
                    + " each new student's password ONCE, as CSV (username,password): hand them out, they are not stored."
                    + " A 'password' column sets them instead. An existing account is only added to the group.",
                    "Students change their password with passwd in the hub's terminal (New > Terminal). Needs root."})
    static final class AddStudents implements Callable<Integer> {
        @Parameters(paramLabel = "ROSTER", description = "CSV with a header naming 'username' (optional 'name', 'password').")
        Path roster;

        @Option(names = "--group", defaultValue = Accounts.DEFAULT_GROUP, description = "The course group (default ${DEFAULT-VALUE}).")
        String group;

        @Override
        public Integer call() {
            try {
                List<Accounts.Added> added = Accounts.add(Roster.read(roster), group);
                System.out.println("username,password");
                for (Accounts.Added a : added) {
                    System.out.println(a.username() + "," + a.password().orElse("(existing account: unchanged)"));
                }
                System.err.println("earshot hub: " + added.stream().filter(Accounts.Added::created).count()
                        + " accounts created, " + added.stream().filter(a -> !a.created()).count()
                        + " existed; all in group " + group);
                return 0;
            } catch (IOException e) {
                return fail("add-students", e);
            }
        }
    }

    @Command(name = "remove-students", mixinStandardHelpOptions = true,
            description = "Delete the roster's accounts and their homes (only accounts in the course group). Needs root.")
    static final class RemoveStudents implements Callable<Integer> {
        @Parameters(paramLabel = "ROSTER", description = "The roster CSV.")
        Path roster;

        @Option(names = "--group", defaultValue = Accounts.DEFAULT_GROUP, description = "The course group (default ${DEFAULT-VALUE}).")
        String group;

        @Override
        public Integer call() {
            try {
                List<String> removed = Accounts.remove(Roster.read(roster).usernames(), group);
                System.out.println("earshot hub: removed " + removed.size() + " accounts: " + String.join(", ", removed));
                return 0;
            } catch (IOException e) {
                return fail("remove-students", e);
            }
        }
    }

    @Command(name = "loadtest", mixinStandardHelpOptions = true,
            description = {"A bounded end-to-end test on loopback: N throw-away accounts log in through the hub's form,"
                    + " spawn, run every cell of the 21.1 exercise notebook on the 'earshot' kernel and save (odd ones"
                    + " with the solutions), then course collect, grade and return; reports per student the time to "
                    + "spawn, the time from kernel start to first output and the kernel's peak RSS, and totals.",
                    "It stops by itself (the driver is killed after 10 + N minutes) and removes the hub, its processes,"
                    + " the accounts and their homes, even on failure. Needs root. Exit 0 when everything was correct"
                    + " (times are reported, never asserted)."})
    static final class LoadTest implements Callable<Integer> {
        @Option(names = "--students", defaultValue = "5", description = "Students at once (default ${DEFAULT-VALUE}).")
        int students;

        @Option(names = "--keep", paramLabel = "DIR",
                description = "Keep the hub's log, the submissions and the grading output in DIR (the accounts still go).")
        Path keep;

        @Override
        public Integer call() {
            try {
                HubLoadTest.Verdict v = HubLoadTest.run(Kit.home(), students, Optional.ofNullable(keep), System.out);
                v.report().forEach(System.out::println);
                v.problems().forEach(p -> System.out.println("PROBLEM: " + p));
                System.out.println("earshot hub loadtest: " + (v.passed() ? "passed" : "FAILED") + " with " + students
                        + " students");
                return v.passed() ? 0 : 1;
            } catch (IOException | InterruptedException | IllegalArgumentException e) {
                return fail("loadtest", e);
            }
        }
    }
}

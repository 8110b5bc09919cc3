package org.earshot.grading.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a worker's control group goes, read from {@code /proc/self/mountinfo} and {@code /proc/self/cgroup} as the
 * kernel writes them: cgroup v1 (as on the machines CI runs on, with a v2 mount holding no controller beside it),
 * cgroup v2 (a systemd host: the grader's own group in the unified hierarchy) and a v1 hierarchy whose subtree is
 * mounted (a container).
 */
class CgroupTest {

    private static final Sandbox.Caps CAPS = Sandbox.Caps.forHeap(512);

    @Test
    void v1ControllersAreFoundInTheirOwnHierarchyUnderTheGradersGroup() {
        String mountinfo = """
                31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
                32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
                35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
                39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
                41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
                """;
        String cgroup = """
                8:pids:/
                4:memory:/process_api/4d17
                1:cpu:/
                0::/
                """;
        Cgroup.Host host = Cgroup.Host.parse(mountinfo, cgroup);
        assertEquals(List.of(), host.problems());
        assertEquals(new Cgroup.Place(Cgroup.Controller.PIDS, 1, Path.of("/sys/fs/cgroup/pids")),
                host.places().get(Cgroup.Controller.PIDS));
        assertEquals(Path.of("/sys/fs/cgroup/memory/process_api/4d17"),
                host.places().get(Cgroup.Controller.MEMORY).ownGroup());
        assertEquals(List.of(Cgroup.Controller.PIDS, Cgroup.Controller.MEMORY, Cgroup.Controller.CPU),
                List.copyOf(host.places().keySet()), "in a fixed order, so the log line is stable");
    }

    @Test
    void v2ControllersAreThoseTheGradersGroupOffers(@TempDir Path fs) throws IOException {
        Path own = Files.createDirectories(fs.resolve("user.slice/user-1000.slice/grader.scope"));
        Files.writeString(own.resolve("cgroup.controllers"), "cpu memory pids\n");
        String mountinfo = "25 21 0:22 / " + fs + " rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n";
        Cgroup.Host host = Cgroup.Host.parse(mountinfo, "0::/user.slice/user-1000.slice/grader.scope\n");
        assertEquals(List.of(), host.problems());
        for (Cgroup.Controller c : Cgroup.Controller.values()) {
            assertEquals(new Cgroup.Place(c, 2, own), host.places().get(c));
        }
    }

    @Test
    void aControllerNoHierarchyOffersIsNamedAsAProblem(@TempDir Path fs) throws IOException {
        Files.writeString(fs.resolve("cgroup.controllers"), "hugetlb\n"); // v2 mounted beside v1, as here
        String mountinfo = "39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids\n"
                + "41 31 0:38 / " + fs + " rw,relatime - cgroup2 cgroup2 rw\n";
        Cgroup.Host host = Cgroup.Host.parse(mountinfo, "8:pids:/\n0::/\n");
        assertEquals(List.of(Cgroup.Controller.PIDS), List.copyOf(host.places().keySet()));
        assertEquals(List.of("memory: no cgroup hierarchy offers it", "cpu: no cgroup hierarchy offers it"),
                host.problems());
    }

    @Test
    void aMountedSubtreeIsNotCountedTwice() {
        // a container sees /docker/abc of the host's pids hierarchy mounted at /sys/fs/cgroup/pids
        String mountinfo = "700 690 0:36 /docker/abc /sys/fs/cgroup/pids ro,nosuid - cgroup cgroup rw,pids\n";
        Cgroup.Host host = Cgroup.Host.parse(mountinfo, "8:pids:/docker/abc/grader\n");
        assertEquals(Path.of("/sys/fs/cgroup/pids/grader"), host.places().get(Cgroup.Controller.PIDS).ownGroup());
    }

    @Test
    void aGroupThatCannotBeMadeLeavesTheResourceToRlimitsAndSaysWhy(@TempDir Path fs) throws IOException {
        // a folder that is not a cgroup file system: the group folder is made, but pids.max does not exist in it
        Cgroup.Host host = new Cgroup.Host(java.util.Map.of(Cgroup.Controller.PIDS,
                new Cgroup.Place(Cgroup.Controller.PIDS, 1, fs)), List.of());
        Cgroup group = Cgroup.create(host, "alice/../bob", CAPS);
        assertFalse(group.holds(Cgroup.Controller.PIDS));
        assertEquals(List.of(), group.dirs());
        assertEquals("", group.describe());
        assertEquals(1, group.problems().size());
        assertTrue(group.problems().get(0).matches("pids: " + fs + "/earshot-\\d+-alice_.._bob-[0-9a-f]{6}: .*pids.max.*"),
                group.problems().get(0));
        try (var left = Files.list(fs)) {
            assertEquals(0, left.count(), "the half-made folder is removed");
        }
        assertTrue(group.breaches().isEmpty());
        assertTrue(group.remove());
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertEquals("256 MiB", Sandbox.Caps.size(256L << 20));
        assertEquals("1.4 GiB", Sandbox.Caps.size(CAPS.memoryBytes()));
        assertEquals("3 GiB", Sandbox.Caps.size(CAPS.addressSpaceBytes()));
    }
}

package org.earshot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.earshot.kit.Kit;
import org.junit.jupiter.api.Test;

/**
 * The cluster recipes in {@code deploy/} cannot run here (no cluster, no container engine), so this checks what can
 * be checked: they parse as YAML, carry the fields their APIs document, agree with each other, and the image is
 * built by the same {@code ./earshot setup} a laptop runs.
 */
class DeployManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DEPLOY = Kit.home().resolve("deploy");

    private static JsonNode read(String name) throws IOException {
        return YAML.readTree(DEPLOY.resolve(name).toFile());
    }

    private static String text(JsonNode node, String pointer) {
        JsonNode v = node.at(pointer);
        assertFalse(v.isMissingNode() || v.isNull(), pointer + " is missing");
        return v.asText();
    }

    @Test
    void gradingJobIsAnIndexedJobWhoseShardsMatchItsCompletions() throws IOException {
        JsonNode job = read("grade-job.yaml");
        assertEquals("batch/v1", text(job, "/apiVersion"));
        assertEquals("Job", text(job, "/kind"));
        assertEquals("Indexed", text(job, "/spec/completionMode"));
        int completions = job.at("/spec/completions").asInt();
        assertTrue(completions >= 1, "spec.completions must be a positive number");
        assertTrue(job.at("/spec/parallelism").asInt() <= completions, "parallelism above completions");
        assertTrue(List.of("Never", "OnFailure").contains(text(job, "/spec/template/spec/restartPolicy")));
        JsonNode container = job.at("/spec/template/spec/containers/0");
        assertFalse(text(container, "/image").isBlank());
        String command = String.join(" ", YAML.convertValue(container.get("command"), String[].class)) + " "
                + String.join(" ", YAML.convertValue(container.get("args"), String[].class));
        assertTrue(command.contains("./earshot grade "), command);
        Matcher shard = Pattern.compile("--shard \\$\\(\\(JOB_COMPLETION_INDEX\\+1\\)\\)/(\\d+)").matcher(command);
        assertTrue(shard.find(), "the Job must grade --shard $((JOB_COMPLETION_INDEX+1))/N: " + command);
        assertEquals(completions, Integer.parseInt(shard.group(1)), "N of --shard K/N must equal spec.completions");
        assertTrue(command.matches(".*--out \\S*\\$\\(\\(JOB_COMPLETION_INDEX\\+1\\)\\).*"),
                "each shard needs its own --out folder: " + command);
        String claim = text(job, "/spec/template/spec/volumes/0/persistentVolumeClaim/claimName");
        assertEquals(claim, text(job, "/spec/template/spec/volumes/0/persistentVolumeClaim/claimName"));
        assertEquals(text(job, "/spec/template/spec/volumes/0/name"), text(container, "/volumeMounts/0/name"));
    }

    @Test
    void hubValuesUseTheSingleUserImageOfTheGradingJob() throws IOException {
        JsonNode values = read("z2jh-values.yaml");
        String image = text(values, "/singleuser/image/name") + ":" + text(values, "/singleuser/image/tag");
        assertTrue(values.at("/singleuser/image/tag").isTextual(), "quote the tag: a number would lose digits");
        assertEquals("jupyterhub-singleuser", text(values, "/singleuser/cmd"));
        assertEquals("notebook.notebookapp.NotebookApp", text(values, "/singleuser/extraEnv/JUPYTERHUB_SINGLEUSER_APP"));
        assertTrue(text(values, "/singleuser/memory/limit").matches("\\d+[KMGT]"), "memory.limit like 2G");
        assertTrue(values.at("/singleuser/cpu/limit").isNumber());
        assertTrue(values.at("/hub/config/Authenticator/admin_users").isArray());
        JsonNode job = read("grade-job.yaml");
        assertEquals(image, text(job, "/spec/template/spec/containers/0/image"), "one image for the hub and grading");
    }

    @Test
    void imageIsBuiltBySetupAndInstallsTheKernelspecSystemWide() throws IOException {
        List<String> lines = Files.readAllLines(DEPLOY.resolve("Dockerfile"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("FROM debian:bookworm")), "Debian 12, as the kit's packages");
        String all = String.join("\n", lines);
        assertTrue(all.contains("RUN ./earshot setup"), "the image's steps are ./earshot setup's");
        assertTrue(all.contains("./earshot kernelspec --dir /usr/local/share/jupyter/kernels"));
        assertTrue(all.contains("USER 1000"), "Zero to JupyterHub runs the server as uid 1000");
        assertTrue(all.contains("CMD [\"jupyterhub-singleuser\"]"));
        String setup = Files.readString(Kit.home().resolve("earshot"));
        assertTrue(setup.contains("jupyterhub node-configurable-http-proxy"),
                "setup installs the single-user server the image starts");
    }
}

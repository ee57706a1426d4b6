package io.phishfence.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The topic script that Compose and Kubernetes run (deploy/k8s/create-topics.sh) creates exactly the topics of
 * {@link Topics#ALL}, with the same partitions, cleanup policy and message size as the services and the local
 * stack expect.
 */
class DeployedTopicsTest {

    private static final Pattern CREATE = Pattern.compile("^create (\\S+)\\s+(\\d+)\\s+(compact|delete)\\s+(\\d+)\\b.*$");

    @Test
    void theDeployedTopicScriptMatchesTheTopicsTheServicesUse() throws IOException {
        Path script = Path.of("..", "deploy", "k8s", "create-topics.sh");
        Map<String, String> deployed = new TreeMap<>();
        for (String line : Files.readAllLines(script)) {
            var match = CREATE.matcher(line.trim());
            if (match.matches()) {
                deployed.put(match.group(1), match.group(2) + " " + match.group(3) + " " + match.group(4));
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (Topics.TopicSpec spec : Topics.ALL) {
            expected.put(spec.name(), spec.partitions() + " " + (spec.compacted() ? "compact" : "delete") + " "
                    + spec.maxMessageBytes());
        }
        assertEquals(expected, deployed);
    }
}

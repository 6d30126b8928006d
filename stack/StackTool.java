import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.events.Topics;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Helper of the ./vigil script, run as a single-file Java program with the broker's jars and the events jar on
 * the class path.
 *
 * <ul>
 * <li>{@code wait-kafka BOOTSTRAP SECONDS}: waits until the broker answers.</li>
 * <li>{@code create-topics BOOTSTRAP}: creates every topic of {@code Topics.ALL} that is missing, with its
 * partitions, cleanup policy, retention and configs; existing topics get their configs set again.</li>
 * <li>{@code merge-realm REALM USERS OUT}: writes REALM with the users of USERS added (demo identities).</li>
 * </ul>
 */
public class StackTool {

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "wait-kafka" -> waitKafka(args[1], Integer.parseInt(args[2]));
            case "create-topics" -> createTopics(args[1]);
            case "merge-realm" -> mergeRealm(args[1], args[2], args[3]);
            default -> {
                System.err.println("usage: StackTool wait-kafka|create-topics|merge-realm ...");
                System.exit(2);
            }
        }
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        return Admin.create(p);
    }

    private static void waitKafka(String bootstrap, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (Admin admin = admin(bootstrap)) {
            while (System.nanoTime() < deadline) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    Thread.sleep(300);
                }
            }
        }
        System.err.println("Kafka did not answer on " + bootstrap + " within " + seconds + " s");
        System.exit(1);
    }

    private static Map<String, String> configs(Topics.TopicSpec spec) {
        Map<String, String> c = new HashMap<>(spec.configs());
        c.put("cleanup.policy", spec.cleanupPolicy());
        c.put("retention.ms", Long.toString(spec.retentionMs()));
        return c;
    }

    private static void createTopics(String bootstrap) throws Exception {
        // A broker that has just started may drop the first requests: retry for up to a minute.
        for (int attempt = 1; ; attempt++) {
            try {
                createTopicsOnce(bootstrap);
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                if (attempt >= 20) {
                    throw e;
                }
                Thread.sleep(3000);
            }
        }
    }

    private static void createTopicsOnce(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Set<String> existing = admin.listTopics().names().get(25, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> alter = new HashMap<>();
            for (Topics.TopicSpec spec : Topics.ALL) {
                if (existing.contains(spec.name())) {
                    List<AlterConfigOp> ops = new ArrayList<>();
                    configs(spec).forEach((k, v) -> ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
                    alter.put(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()), ops);
                } else {
                    missing.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(configs(spec)));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            if (!alter.isEmpty()) {
                admin.incrementalAlterConfigs(alter).all().get(30, TimeUnit.SECONDS);
            }
            System.out.println("topics: " + missing.size() + " created, " + alter.size() + " already present");
        }
    }

    private static void mergeRealm(String realmFile, String usersFile, String out) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode realm = (ObjectNode) mapper.readTree(new File(realmFile));
        JsonNode demo = mapper.readTree(new File(usersFile)).get("users");
        ArrayNode users = realm.has("users") ? (ArrayNode) realm.get("users") : realm.putArray("users");
        demo.forEach(users::add);
        mapper.writerWithDefaultPrettyPrinter().writeValue(new File(out), realm);
    }
}

package io.flowstate.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.redis.StateCodec;
import io.flowstate.testkit.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Which codec, and from which size on, pays for a process state stored in Redis. For realistic form
 * states of several sizes it measures encoding, decoding, and the whole trip a blob makes per step
 * (encode, SET, GET, decode, through a real redis-server on loopback), plain against Deflate at level 1
 * (what {@link StateCodec} uses) and level 6 (zlib's default). The plain round trip is the baseline; the
 * compressed sizes and the Redis memory one stored copy takes are printed at setup. Results: docs/redis.md.
 *
 * <p>Run (from the repository root):
 * <pre>
 * mvn -B -q -pl flowstate-bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) org.openjdk.jmh.Main StateCodecBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class StateCodecBenchmark {

    @Param({"512", "2048", "8192", "32768"})
    public int stateBytes;

    @Param({"plain", "deflate1", "deflate6"})
    public String codec;

    private byte[] json;
    private byte[] blob;
    private StateCodec reader;
    private RedisServer redis;
    private RedisClient client;
    private StatefulRedisConnection<byte[], byte[]> connection;
    private RedisCommands<byte[], byte[]> commands;
    private final byte[] key = "bench:state".getBytes(StandardCharsets.UTF_8);

    @Setup(Level.Trial)
    public void setUp() {
        json = formState(stateBytes);
        reader = new StateCodec(Integer.MAX_VALUE);
        blob = encode(json);
        System.out.printf("%n%s %d B of JSON -> %d B stored (%.1f%%)%n", codec, json.length, blob.length,
                100.0 * blob.length / json.length);
        redis = RedisServer.start();
        client = RedisClient.create(redis.uri());
        connection = client.connect(ByteArrayCodec.INSTANCE);
        commands = connection.sync();
        commands.set(key, blob);
        System.out.printf("%s %d B of JSON -> %d B of Redis memory per stored copy (MEMORY USAGE)%n", codec,
                json.length, commands.memoryUsage(key));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        connection.close();
        client.shutdown();
        redis.close();
    }

    @Benchmark
    public byte[] encode() {
        return encode(json);
    }

    @Benchmark
    public byte[] decode() {
        return reader.decode(blob);
    }

    /** What a step pays for its state: encode, write, read back, decode. */
    @Benchmark
    public byte[] roundTrip() {
        commands.set(key, encode(json));
        return reader.decode(commands.get(key));
    }

    private byte[] encode(byte[] input) {
        return switch (codec) {
            case "plain" -> new StateCodec(Integer.MAX_VALUE).encode(input);
            case "deflate1" -> new StateCodec(0).encode(input);
            case "deflate6" -> deflate(input, Deflater.DEFAULT_COMPRESSION);
            default -> throw new IllegalArgumentException(codec);
        };
    }

    /** The same blob layout as {@link StateCodec}, at another level, so {@link StateCodec#decode} reads it. */
    private static byte[] deflate(byte[] input, int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(input);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(StateCodec.DEFLATE);
            out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(input.length).array());
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** A wizard's state: applicant fields, an address, and a growing list of line items, about {@code size} bytes. */
    static byte[] formState(int size) {
        Random random = new Random(42);
        ObjectNode state = Json.object();
        state.put("email", "applicant" + random.nextInt(10_000) + "@example.com");
        state.put("firstName", "Ada").put("lastName", "Lovelace").put("consent", true);
        state.putObject("address").put("street", "12 Analytical Engine Road").put("city", "London")
                .put("postcode", "EC1A 1BB").put("country", "GB");
        ArrayNode items = state.putArray("items");
        String[] products = {"laptop", "monitor", "keyboard", "docking station", "headset", "chair"};
        while (Json.bytes(state).length < size) {
            items.addObject()
                    .put("id", java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) items.size()}).toString())
                    .put("product", products[random.nextInt(products.length)])
                    .put("quantity", 1 + random.nextInt(5))
                    .put("unitPrice", random.nextInt(200_000) / 100.0)
                    .put("note", "requested by team " + random.nextInt(40));
        }
        return Json.bytes(state);
    }
}

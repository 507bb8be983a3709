package io.flowstate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.token.DecodeResult;
import io.flowstate.core.token.EncodeResult;
import io.flowstate.core.token.ProcessTokenCodec;
import io.flowstate.core.token.TokenConfig;
import io.flowstate.core.token.TokenFormat;
import io.flowstate.core.token.TokenKeys;
import io.flowstate.testkit.FormStates;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Token mode's cost per step: {@code encode} (claims to JSON, DEFLATE + A256GCM or HS256, compact
 * serialization) and {@code decode} (length and header checks, tag or MAC check, decryption and inflation,
 * claims parsing), for JWE and JWS, over 1, 4 and 7 KiB of realistic form state. The baseline in the same run
 * is plain JSON: {@code jsonWrite} serializes the state, {@code jsonRead} parses it, which is what a store-backed
 * step pays for the state anyway.
 *
 * <p>Run from the repository root:
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -pl flowstate-bench -am package dependency:build-classpath -DskipTests \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
 * java -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/bench.classpath) \
 *     org.openjdk.jmh.Main TokenCodecBenchmark -f 1 -wi 3 -i 5 -r 1 -w 1
 * </pre>
 * The medians in docs/token-mode.md come from sampling mode: add {@code -bm sample -tu us -r 2} and read the
 * {@code p0.50} rows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenCodecBenchmark {

    /** One codec, one process and one token already issued by it. */
    @State(Scope.Benchmark)
    public static class Tokens {
        @Param({"1024", "4096", "7168"})
        public int stateBytes;

        @Param({"JWE", "JWS"})
        public TokenFormat format;

        ProcessTokenCodec codec;
        ProcessInstance process;
        String token;

        @Setup
        public void issue() {
            TokenConfig config = TokenConfig.defaults(TokenKeys.fromBase64("k1", TokenKeys.newSecret()))
                    .withFormat(format)
                    .withMaxBytes(TokenConfig.MAX_MAX_BYTES); // measure the 7 KiB JWS too, not its rejection
            codec = new ProcessTokenCodec(config, Clock.systemUTC());
            process = process(FormStates.ofSize(stateBytes, stateBytes));
            token = ((EncodeResult.Issued) codec.encode(process)).token();
        }
    }

    /** The same state as {@link Tokens}, as a tree and as JSON bytes. */
    @State(Scope.Benchmark)
    public static class States {
        @Param({"1024", "4096", "7168"})
        public int stateBytes;

        ObjectNode state;
        byte[] json;

        @Setup
        public void build() {
            state = FormStates.ofSize(stateBytes, stateBytes);
            json = Json.bytes(state);
        }
    }

    @Benchmark
    public EncodeResult encode(Tokens tokens) {
        return tokens.codec.encode(tokens.process);
    }

    @Benchmark
    public DecodeResult decode(Tokens tokens) {
        return tokens.codec.decode(tokens.token, "loan");
    }

    @Benchmark
    public byte[] jsonWrite(States states) {
        return Json.bytes(states.state);
    }

    @Benchmark
    public JsonNode jsonRead(States states) throws IOException {
        return Json.parse(states.json);
    }

    static ProcessInstance process(ObjectNode state) {
        Instant now = Instant.now();
        return new ProcessInstance(UUID.randomUUID(), "loan", "sha256:bench", ProcessStatus.WAITING, 3, "address",
                state, null, null, now, now, now.plus(Duration.ofDays(30)));
    }
}

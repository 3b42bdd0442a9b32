package io.slacker.internal.serialization;

import io.slacker.spi.SerializationException;
import io.slacker.spi.Serializer;
import io.slacker.spi.Serializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.ContentType;
import io.slacker.data.Ratio;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every decoder refuses number literals beyond the limit, and takes those within it. */
class NumberLimitTest {
    private static final Serializers DEFAULTS = Serializers.defaults();

    private static BigInteger digits(int n) {
        return new BigInteger("7".repeat(n));
    }

    /** Content types whose encoders write big numbers the decoders read back. */
    enum Binaryish { CARB, NIPPY, TRANSIT_JSON, TRANSIT_MSGPACK, CLJ, DEFLATE_CLJ, DEFLATE_NIPPY, DEFLATE_CARB }

    @ParameterizedTest
    @EnumSource(Binaryish.class)
    void bigIntegersOfAThousandDigitsPassAndLongerOnesAreRefused(Binaryish which) {
        Serializer s = DEFAULTS.get(ContentType.valueOf(which.name()));
        // 999 digits: EDN adds its N suffix and counts characters
        assertThat(s.deserialize(s.serialize(List.of(digits(999))))).isEqualTo(List.of(digits(999)));
        byte[] tooLong = s.serialize(List.of(digits(1100)));
        assertThatThrownBy(() -> s.deserialize(tooLong))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("limit of 1000")
            .hasMessageContaining("maxNumberLength");
    }

    @ParameterizedTest
    @EnumSource(Binaryish.class)
    void decimalsAndRatiosAreLimitedToo(Binaryish which) {
        Serializer s = DEFAULTS.get(ContentType.valueOf(which.name()));
        BigDecimal dec = new BigDecimal(digits(1100), 3);
        assertThatThrownBy(() -> s.deserialize(s.serialize(List.of(dec))))
            .isInstanceOf(SerializationException.class).hasMessageContaining("limit of 1000");
        Ratio ratio = Ratio.of(digits(1100), digits(1100).add(BigInteger.ONE));
        assertThatThrownBy(() -> s.deserialize(s.serialize(List.of(ratio))))
            .isInstanceOf(SerializationException.class).hasMessageContaining("limit of 1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[%s]", "[%sN]", "[%s.5M]", "[1.%s]", "[%s/7]", "[1e%s]"})
    void ednLiteralsOfEveryNumberKind(String shape) {
        Serializer s = DEFAULTS.get(ContentType.CLJ);
        byte[] ok = String.format(shape, "1".repeat(990)).getBytes(StandardCharsets.UTF_8);
        byte[] bad = String.format(shape, "1".repeat(1001)).getBytes(StandardCharsets.UTF_8);
        if (!shape.contains("e")) {
            assertThat(s.deserialize(ok)).isInstanceOf(List.class);
        }
        assertThatThrownBy(() -> s.deserialize(bad)).isInstanceOf(SerializationException.class)
            .hasMessageContaining("limit of 1000 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[%s]", "[1.%s]", "{\"a\":%s}"})
    void jsonNumbers(String shape) {
        Serializer s = DEFAULTS.get(ContentType.JSON);
        assertThat(s.deserialize(String.format(shape, "3".repeat(998)).getBytes(StandardCharsets.UTF_8))).isNotNull();
        byte[] bad = String.format(shape, "3".repeat(1001)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> s.deserialize(bad)).isInstanceOf(SerializationException.class)
            .hasMessageContaining("limit of 1000").hasMessageContaining("maxNumberLength");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[%s]", "[\"~n%s\"]", "[\"\\u007e\\u006e%s\"]", "[\"~i%s\"]", "[\"~f%s\"]", "[\"~d%s\"]",
        "[\"~#ratio\",[\"~n%s\",\"~n3\"]]"})
    void transitJsonNumbersAndNumberReps(String shape) {
        Serializer s = DEFAULTS.get(ContentType.TRANSIT_JSON);
        if (!shape.contains("~i")) { // transit-java's own ~i reader takes longs only
            assertThat(s.deserialize(String.format(shape, "3".repeat(999)).getBytes(StandardCharsets.UTF_8))).isNotNull();
        }
        byte[] bad = String.format(shape, "3".repeat(1001)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> s.deserialize(bad)).isInstanceOf(SerializationException.class)
            .hasMessageContaining("limit of 1000");
    }

    @Test
    void oneSettingRaisesTheLimitOfEveryDecoder() {
        Serializers raised = DEFAULTS.withMaxNumberLength(5000);
        Serializers viaBuilder = Serializers.builder().register(new io.slacker.internal.serialization.nippy.NippySerializer())
            .maxNumberLength(5000).build();
        for (Serializers ss : List.of(raised, viaBuilder)) {
            for (ContentType t : ss.contentTypes()) {
                if (t == ContentType.JSON || t == ContentType.DEFLATE_JSON) {
                    continue; // cheshire writes no big integers as such; covered below
                }
                Serializer s = ss.get(t);
                BigInteger n = digits(3000);
                assertThat(s.deserialize(s.serialize(List.of(n)))).as(t.wireName()).isEqualTo(List.of(n));
                byte[] bad = s.serialize(List.of(digits(6000)));
                assertThatThrownBy(() -> s.deserialize(bad)).as(t.wireName()).isInstanceOf(SerializationException.class)
                    .hasMessageContaining("limit of 5000");
            }
        }
        Serializer json = raised.get(ContentType.JSON);
        assertThat(json.deserialize(("[" + "4".repeat(3000) + "]").getBytes(StandardCharsets.UTF_8))).isNotNull();
        assertThatThrownBy(() -> DEFAULTS.withMaxNumberLength(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMillionDigitLiteralIsRefusedWithoutParsingIt() {
        byte[] huge = ("[" + "9".repeat(1_000_000) + "]").getBytes(StandardCharsets.UTF_8);
        for (ContentType t : List.of(ContentType.CLJ, ContentType.JSON, ContentType.TRANSIT_JSON)) {
            assertThatThrownBy(() -> DEFAULTS.get(t).deserialize(huge)).as(t.wireName())
                .isInstanceOf(SerializationException.class).hasMessageContaining("limit of 1000");
        }
    }
}

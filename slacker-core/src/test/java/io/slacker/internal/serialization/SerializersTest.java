package io.slacker.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slacker.ContentType;
import io.slacker.internal.serialization.json.JsonSerializer;
import io.slacker.internal.serialization.kryo.KryoSerializer;
import io.slacker.spi.SerializationException;
import io.slacker.spi.Serializers;
import org.junit.jupiter.api.Test;

class SerializersTest {

    @Test
    void defaultsHaveJsonCarbAndTheirDeflateVariants() {
        Serializers s = Serializers.defaults();
        assertThat(s).isSameAs(Serializers.defaults());
        assertThat(s.get(ContentType.JSON)).isInstanceOf(JsonSerializer.class);
        assertThat(s.get(ContentType.CARB)).isInstanceOf(KryoSerializer.class);
        assertThat(s.get(ContentType.DEFLATE_JSON)).isInstanceOf(DeflateSerializer.class);
        assertThat(s.get(ContentType.DEFLATE_CARB)).isInstanceOf(DeflateSerializer.class);
        assertThat(s.contentTypes()).contains(ContentType.CARB, ContentType.JSON, ContentType.DEFLATE_CARB, ContentType.DEFLATE_JSON);
        for (ContentType t : s.contentTypes()) {
            assertThat(s.get(t).contentType()).isEqualTo(t);
        }
    }

    @Test
    void unsupportedContentTypes() {
        Serializers s = Serializers.builder().register(new JsonSerializer()).deriveDeflate(false).build();
        assertThat(s.supports(ContentType.JSON)).isTrue();
        assertThat(s.supports(ContentType.DEFLATE_JSON)).isFalse();
        assertThat(s.supports(null)).isFalse();
        assertThatThrownBy(() -> s.get(ContentType.NIPPY)).isInstanceOf(SerializationException.class)
                .hasMessage("unsupported content type nippy (3)");
        assertThat(Serializers.builder().build().contentTypes()).isEmpty();
    }

    @Test
    void explicitRegistrationsWinAndDeflateLimitApplies() {
        DeflateSerializer own = new DeflateSerializer(new JsonSerializer(), 10, 1);
        Serializers s = Serializers.builder().register(new JsonSerializer()).register(own).build();
        assertThat(s.get(ContentType.DEFLATE_JSON)).isSameAs(own);
        Serializers limited = Serializers.builder().register(new JsonSerializer()).maxInflatedBytes(5).build();
        byte[] big = limited.get(ContentType.DEFLATE_JSON).serialize("0123456789");
        assertThatThrownBy(() -> limited.get(ContentType.DEFLATE_JSON).deserialize(big)).isInstanceOf(SerializationException.class);
    }
}

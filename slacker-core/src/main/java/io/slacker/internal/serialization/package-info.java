/**
 * Serialization of call arguments and results: the {@link io.slacker.spi.Serializer}
 * SPI, the {@link io.slacker.spi.Serializers} registry, the deflate wrapper, and the
 * conversion between Java values and the Clojure data model
 * ({@link io.slacker.internal.serialization.JavaData} one way, {@link io.slacker.internal.serialization.TypeConverter}
 * the other). Content types live in sub-packages: {@code json}, {@code kryo} (carb), and those
 * written elsewhere (EDN, nippy, transit).
 */
package io.slacker.internal.serialization;

/**
 * Serialization of call arguments and results: the {@link io.slacker.serialization.Serializer}
 * SPI, the {@link io.slacker.serialization.Serializers} registry, the deflate wrapper, and the
 * conversion between Java values and the Clojure data model
 * ({@link io.slacker.serialization.JavaData} one way, {@link io.slacker.serialization.TypeConverter}
 * the other). Content types live in sub-packages: {@code json}, {@code kryo} (carb), and those
 * written elsewhere (EDN, nippy, transit).
 */
package io.slacker.serialization;

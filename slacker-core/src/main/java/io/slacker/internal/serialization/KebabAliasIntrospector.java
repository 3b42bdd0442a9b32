package io.slacker.internal.serialization;

import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets Jackson accept the kebab-case form of every property as an alias ({@code created-at}
 * for {@code createdAt}), so that maps written by Clojure code, or by {@link JavaData}, bind to
 * records and beans.
 */
final class KebabAliasIntrospector extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public List<PropertyName> findPropertyAliases(Annotated member) {
        List<PropertyName> declared = super.findPropertyAliases(member);
        String name = javaName(member);
        if (name == null) {
            return declared;
        }
        String kebab = Names.kebab(name);
        if (kebab.equals(name)) {
            return declared;
        }
        List<PropertyName> out = declared == null ? new ArrayList<>(1) : new ArrayList<>(declared);
        out.add(PropertyName.construct(kebab));
        return out;
    }

    /** The Java property name a member stands for, or null when it has none. */
    private static String javaName(Annotated member) {
        if (member instanceof AnnotatedField f) {
            return f.getName();
        }
        if (member instanceof AnnotatedMethod m) {
            String n = m.getName();
            if (m.getParameterCount() <= 1 && n.length() > 3 && (n.startsWith("get") || n.startsWith("set"))) {
                return decapitalize(n.substring(3));
            }
            if (m.getParameterCount() == 0 && n.length() > 2 && n.startsWith("is")) {
                return decapitalize(n.substring(2));
            }
            return n;
        }
        if (member instanceof AnnotatedParameter p && p.getOwner().getAnnotated() instanceof Executable e) {
            Class<?> owner = e.getDeclaringClass();
            int index = p.getIndex();
            if (owner.isRecord() && e instanceof Constructor<?>) {
                RecordComponent[] components = owner.getRecordComponents();
                if (components.length == e.getParameterCount()) {
                    return components[index].getName();
                }
            }
            Parameter[] params = e.getParameters();
            return index < params.length && params[index].isNamePresent() ? params[index].getName() : null;
        }
        return null;
    }

    private static String decapitalize(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(1))) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}

package io.devsanctum.common.bus;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.annotation.Annotation;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Whether an answer may be handed to the asking verticle of this JVM as the very object answered,
 * instead of as its JSON read back: only when nobody could tell the difference. That is a value
 * that cannot change whose JSON reads back as an equal value: a string, a number, a UUID, an enum,
 * an instant, a time in UTC (JSON reads every time into UTC), or a record made of such values, of
 * such records and of unmodifiable lists, sets and string-keyed maps of them, none of those null
 * (JSON reads an absent collection as empty), with nothing Jackson is told to treat otherwise (an
 * annotation on the record, its components or its constructors, a creator or value method). What
 * the class decides is decided once per class; what depends on the value (a time's offset, a
 * collection's presence and kind, a page's items) is checked each time, through just the
 * components that need it.
 */
final class LocalHandOver {

  private enum Kind { SHARED, NOT_SHARED, CHECKED }

  private static final Set<Class<?>> VALUES = Set.of(String.class, Boolean.class, Integer.class, Long.class,
      Short.class, Byte.class, Double.class, Float.class, Character.class, UUID.class, Instant.class,
      Duration.class, LocalDate.class);

  /** The JDK's collections that cannot be changed: List.of/copyOf, Stream.toList, Collections.unmodifiable*, empty*, singleton*. */
  private static final List<String> UNMODIFIABLE = List.of("java.util.ImmutableCollections$",
      "java.util.Collections$Unmodifiable", "java.util.Collections$Empty", "java.util.Collections$Singleton");

  /** Methods that make Jackson write or read a record otherwise than as its components. */
  private static final Set<Class<? extends Annotation>> CREATOR_OR_VALUE =
      Set.of(JsonCreator.class, JsonValue.class, JsonAnyGetter.class, JsonAnySetter.class);

  /** Records being decided on this thread: one made of itself, directly or not, is checked value by value. */
  private static final ThreadLocal<Set<Class<?>>> DECIDING = ThreadLocal.withInitial(HashSet::new);

  private static final ClassValue<Kind> KINDS = new ClassValue<>() {
    @Override
    protected Kind computeValue(Class<?> type) {
      Set<Class<?>> deciding = DECIDING.get();
      deciding.add(type);
      try {
        return kindOf(type);
      } finally {
        deciding.remove(type);
      }
    }
  };

  /** A component whose value is checked each time: how to read it (a compiled accessor), and whether it is a collection. */
  private record CheckedComponent(Function<Object, Object> read, boolean collection) {
  }

  /** A record's components whose values are checked each time. */
  private static final ClassValue<List<CheckedComponent>> CHECKED_COMPONENTS = new ClassValue<>() {
    @Override
    protected List<CheckedComponent> computeValue(Class<?> type) {
      List<CheckedComponent> checked = new ArrayList<>();
      for (RecordComponent component : type.getRecordComponents()) {
        if (componentKind(component.getGenericType()) == Kind.CHECKED) {
          Class<?> declared = component.getType();
          checked.add(new CheckedComponent(reader(type, component.getAccessor()),
              Collection.class.isAssignableFrom(declared) || Map.class.isAssignableFrom(declared)));
        }
      }
      return List.copyOf(checked);
    }
  };

  /** Whether a collection's class is one of the JDK's that cannot be changed. */
  private static final ClassValue<Boolean> UNMODIFIABLE_CLASSES = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return UNMODIFIABLE.stream().anyMatch(type.getName()::startsWith);
    }
  };

  private LocalHandOver() {
  }

  static boolean mayShare(Object value) {
    if (value == null) {
      return false;
    }
    return switch (KINDS.get(value.getClass())) {
      case SHARED -> true;
      case NOT_SHARED -> false;
      case CHECKED -> value instanceof OffsetDateTime time ? time.getOffset().equals(ZoneOffset.UTC)
          : componentsMayBeShared(value);
    };
  }

  private static Kind kindOf(Class<?> type) {
    if (VALUES.contains(type) || type.isEnum() || type.isPrimitive()) {
      return Kind.SHARED;
    }
    if (type == OffsetDateTime.class) {
      return Kind.CHECKED;
    }
    if (!type.isRecord() || toldToJackson(type)) {
      return Kind.NOT_SHARED;
    }
    boolean checked = false;
    for (RecordComponent component : type.getRecordComponents()) {
      Kind kind = componentKind(component.getGenericType());
      if (kind == Kind.NOT_SHARED) {
        return Kind.NOT_SHARED;
      }
      checked |= kind == Kind.CHECKED;
    }
    return checked ? Kind.CHECKED : Kind.SHARED;
  }

  /** A component's kind by its declared type: collections and type variables are always checked by value. */
  private static Kind componentKind(Type type) {
    if (type instanceof TypeVariable<?>) {
      return Kind.CHECKED;
    }
    if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
      Type[] arguments = parameterized.getActualTypeArguments();
      if (raw == List.class || raw == Set.class || raw == Collection.class) {
        return componentKind(arguments[0]) == Kind.NOT_SHARED ? Kind.NOT_SHARED : Kind.CHECKED;
      }
      if (raw == Map.class && arguments[0] == String.class) {
        return componentKind(arguments[1]) == Kind.NOT_SHARED ? Kind.NOT_SHARED : Kind.CHECKED;
      }
      return raw.isRecord() ? classKind(raw) : Kind.NOT_SHARED;
    }
    if (type instanceof Class<?> component) {
      if (component == List.class || component == Set.class || component == Collection.class) {
        return Kind.CHECKED;
      }
      return classKind(component);
    }
    return Kind.NOT_SHARED;
  }

  private static Kind classKind(Class<?> type) {
    if (DECIDING.get().contains(type)) {
      return Kind.CHECKED;
    }
    return KINDS.get(type);
  }

  private static boolean componentsMayBeShared(Object record) {
    for (CheckedComponent component : CHECKED_COMPONENTS.get(record.getClass())) {
      Object held = component.read().apply(record);
      if (!component.collection()) {
        if (held != null && !mayShare(held)) {
          return false;
        }
        continue;
      }
      if (held == null || !UNMODIFIABLE_CLASSES.get(held.getClass())) {
        return false;
      }
      for (Object item : held instanceof Map<?, ?> map ? map.values() : (Collection<?>) held) {
        if (item != null && !mayShare(item)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The accessor compiled into a function (as Jackson's Blackbird does): a page of 200 workspaces
   * has some 2,000 components checked, too many for reflective calls.
   */
  @SuppressWarnings("unchecked")
  private static Function<Object, Object> reader(Class<?> type, Method accessor) {
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
      MethodHandle getter = lookup.unreflect(accessor);
      return (Function<Object, Object>) LambdaMetafactory.metafactory(lookup, "apply",
              MethodType.methodType(Function.class), MethodType.methodType(Object.class, Object.class), getter,
              MethodType.methodType(accessor.getReturnType(), type))
          .getTarget().invokeExact();
    } catch (Throwable unavailable) {
      accessor.setAccessible(true); // records declared inside tests are not public
      return record -> {
        try {
          return accessor.invoke(record);
        } catch (ReflectiveOperationException unreadable) {
          throw new IllegalStateException(unreadable);
        }
      };
    }
  }

  /** Jackson's annotations on the record, its components (field, accessor) or constructors, or a creator or value method. */
  private static boolean toldToJackson(Class<?> type) {
    List<Annotation> annotations = new ArrayList<>(List.of(type.getAnnotations()));
    for (RecordComponent component : type.getRecordComponents()) {
      annotations.addAll(List.of(component.getAnnotations()));
      annotations.addAll(List.of(component.getAccessor().getAnnotations()));
      try {
        annotations.addAll(List.of(type.getDeclaredField(component.getName()).getAnnotations()));
      } catch (NoSuchFieldException impossible) {
        return true;
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      annotations.addAll(List.of(constructor.getAnnotations()));
      for (Annotation[] parameter : constructor.getParameterAnnotations()) {
        annotations.addAll(List.of(parameter));
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      for (Annotation annotation : method.getAnnotations()) {
        if (CREATOR_OR_VALUE.contains(annotation.annotationType())) {
          return true;
        }
      }
    }
    return annotations.stream()
        .anyMatch(annotation -> annotation.annotationType().getPackageName().startsWith("com.fasterxml.jackson"));
  }
}

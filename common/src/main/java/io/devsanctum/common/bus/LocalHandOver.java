package io.devsanctum.common.bus;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Whether an answer may be handed to the asking verticle of this JVM as the very object answered,
 * instead of as its JSON read back: only when nobody could tell the difference. That is a value
 * that cannot change (a record, a string, a number, a UUID, an enum, a time) whose JSON reads back
 * as an equal value: a record none of whose components Jackson is told to treat differently
 * ({@code @JsonIgnore} and the like) and none of whose collections can be null (JSON reads an
 * absent collection as empty; the record's constructor must do the same), made of such values,
 * lists, sets and maps of them. Decided once per class; a generic record's (a page's) items are
 * checked each time, by their classes.
 */
final class LocalHandOver {

  private enum Kind { SHARED, NOT_SHARED, BY_ITEMS }

  private static final Set<Class<?>> VALUES = Set.of(String.class, Boolean.class, Integer.class, Long.class,
      Short.class, Byte.class, Double.class, Float.class, Character.class, UUID.class, OffsetDateTime.class,
      Instant.class, Duration.class, LocalDate.class);

  private static final ClassValue<Kind> KINDS = new ClassValue<>() {
    @Override
    protected Kind computeValue(Class<?> type) {
      return kindOf(type);
    }
  };

  /** A generic record's components that hold its items (of a type variable, or collections of one). */
  private static final ClassValue<List<Method>> ITEM_ACCESSORS = new ClassValue<>() {
    @Override
    protected List<Method> computeValue(Class<?> type) {
      List<Method> accessors = new ArrayList<>();
      for (RecordComponent component : type.getRecordComponents()) {
        if (holdsItems(component.getGenericType())) {
          component.getAccessor().setAccessible(true);
          accessors.add(component.getAccessor());
        }
      }
      return accessors;
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
      case BY_ITEMS -> itemsMayBeShared(value);
    };
  }

  private static Kind kindOf(Class<?> type) {
    if (VALUES.contains(type) || type.isEnum() || type.isPrimitive()) {
      return Kind.SHARED;
    }
    if (!type.isRecord()) {
      return Kind.NOT_SHARED;
    }
    boolean byItems = false;
    for (RecordComponent component : type.getRecordComponents()) {
      if (toldToJackson(component)) {
        return Kind.NOT_SHARED;
      }
      Kind kind = kindOf(component.getGenericType(), type);
      if (kind == Kind.NOT_SHARED) {
        return Kind.NOT_SHARED;
      }
      byItems |= kind == Kind.BY_ITEMS;
    }
    if (!collectionsNeverNull(type)) {
      return Kind.NOT_SHARED;
    }
    return byItems ? Kind.BY_ITEMS : Kind.SHARED;
  }

  private static Kind kindOf(Type type, Class<?> within) {
    if (type instanceof TypeVariable<?>) {
      return Kind.BY_ITEMS;
    }
    if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
      Type[] arguments = parameterized.getActualTypeArguments();
      boolean collection = raw == List.class || raw == Set.class || raw == Collection.class;
      boolean map = raw == Map.class && arguments[0] == String.class;
      if (!collection && !map) {
        return Kind.NOT_SHARED;
      }
      return kindOf(arguments[collection ? 0 : 1], within);
    }
    if (type instanceof Class<?> component) {
      // a record made of itself (a tree) is decided by its other components
      return component == within ? Kind.SHARED : KINDS.get(component);
    }
    return Kind.NOT_SHARED;
  }

  /** Jackson's annotations reach a component's field, accessor or constructor parameter, as their targets say. */
  private static boolean toldToJackson(RecordComponent component) {
    List<Annotation> annotations = new ArrayList<>(List.of(component.getAnnotations()));
    annotations.addAll(List.of(component.getAccessor().getAnnotations()));
    try {
      annotations.addAll(List.of(component.getDeclaringRecord().getDeclaredField(component.getName()).getAnnotations()));
    } catch (NoSuchFieldException impossible) {
      return true;
    }
    for (Constructor<?> constructor : component.getDeclaringRecord().getDeclaredConstructors()) {
      for (Annotation[] parameter : constructor.getParameterAnnotations()) {
        annotations.addAll(List.of(parameter));
      }
    }
    return annotations.stream()
        .anyMatch(annotation -> annotation.annotationType().getPackageName().startsWith("com.fasterxml.jackson"));
  }

  /** Whether the canonical constructor, given no collections, makes them empty (or refuses). */
  private static boolean collectionsNeverNull(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    boolean anyCollection = false;
    Class<?>[] parameterTypes = new Class<?>[components.length];
    Object[] arguments = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      parameterTypes[i] = components[i].getType();
      arguments[i] = defaultOf(parameterTypes[i]);
      anyCollection |= isCollection(parameterTypes[i]);
    }
    if (!anyCollection) {
      return true;
    }
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
      canonical.setAccessible(true);
      Object made = canonical.newInstance(arguments);
      for (RecordComponent component : components) {
        if (isCollection(component.getType())) {
          component.getAccessor().setAccessible(true);
          if (component.getAccessor().invoke(made) == null) {
            return false;
          }
        }
      }
      return true;
    } catch (InvocationTargetException refused) {
      return true; // it cannot be made with a null collection (or without its other values): none is null
    } catch (ReflectiveOperationException | RuntimeException unknown) {
      return false;
    }
  }

  private static boolean isCollection(Class<?> type) {
    return Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type);
  }

  private static Object defaultOf(Class<?> type) {
    if (!type.isPrimitive()) {
      return null;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == char.class) {
      return '\0';
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == double.class) {
      return 0d;
    }
    if (type == float.class) {
      return 0f;
    }
    if (type == byte.class) {
      return (byte) 0;
    }
    if (type == short.class) {
      return (short) 0;
    }
    return 0;
  }

  private static boolean holdsItems(Type type) {
    return type instanceof TypeVariable<?> || type instanceof ParameterizedType parameterized
        && holdsItems(parameterized.getActualTypeArguments()[parameterized.getActualTypeArguments().length - 1]);
  }

  /** A generic record's items (a page's), each of a class that may be shared. */
  private static boolean itemsMayBeShared(Object value) {
    for (Method accessor : ITEM_ACCESSORS.get(value.getClass())) {
      Object held;
      try {
        held = accessor.invoke(value);
      } catch (ReflectiveOperationException unreadable) {
        return false;
      }
      Collection<?> items = held instanceof Map<?, ?> map ? map.values()
          : held instanceof Collection<?> collection ? collection : Collections.singletonList(held);
      for (Object item : items) {
        if (item != null && !mayShare(item)) {
          return false;
        }
      }
    }
    return true;
  }
}

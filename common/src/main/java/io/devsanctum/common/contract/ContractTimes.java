package io.devsanctum.common.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.ser.OffsetDateTimeSerializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Contract times ({@link OffsetDateTime}) as JSON, exactly as the JSR-310 module writes and reads
 * them ({@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, read into UTC), but the canonical form
 * ({@code 2026-12-01T19:30:24.123456Z}, years 0–9999, whole-minute offsets) without the general
 * formatter: a page of 200 workspaces holds about a thousand times, and formatting and parsing
 * them with {@code DateTimeFormatter} was most of what a list cost after its SQL. Anything else
 * (another form, an invalid date) is the module's to write, read or refuse.
 */
final class ContractTimes {

  private ContractTimes() {
  }

  static SimpleModule module() {
    return new SimpleModule("contract-times")
        .addSerializer(OffsetDateTime.class, new Writer())
        .addDeserializer(OffsetDateTime.class, new Reader());
  }

  /** The canonical form of {@code time}, identical to {@code ISO_OFFSET_DATE_TIME.format(time)}. */
  static String format(OffsetDateTime time) {
    int year = time.getYear();
    int offsetSeconds = time.getOffset().getTotalSeconds();
    if (year < 0 || year > 9999 || offsetSeconds % 60 != 0) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }
    char[] text = new char[35];
    int at = digits(text, 0, year, 4);
    text[at++] = '-';
    at = digits(text, at, time.getMonthValue(), 2);
    text[at++] = '-';
    at = digits(text, at, time.getDayOfMonth(), 2);
    text[at++] = 'T';
    at = digits(text, at, time.getHour(), 2);
    text[at++] = ':';
    at = digits(text, at, time.getMinute(), 2);
    text[at++] = ':';
    at = digits(text, at, time.getSecond(), 2);
    int nanos = time.getNano();
    if (nanos != 0) {
      text[at++] = '.';
      int width = 9;
      while (nanos % 10 == 0) { // as few digits as it takes, as the formatter writes them
        nanos /= 10;
        width--;
      }
      at = digits(text, at, nanos, width);
    }
    if (offsetSeconds == 0) {
      text[at++] = 'Z';
    } else {
      text[at++] = offsetSeconds < 0 ? '-' : '+';
      int minutes = Math.abs(offsetSeconds) / 60;
      at = digits(text, at, minutes / 60, 2);
      text[at++] = ':';
      at = digits(text, at, minutes % 60, 2);
    }
    return new String(text, 0, at);
  }

  /**
   * The time the canonical form {@code text} says, in UTC; null when {@code text} is not in it
   * (or names no real time), for the general parser to decide.
   */
  static OffsetDateTime parseCanonical(String text) {
    int length = text.length();
    if (length < 20 || length > 35 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int at = 19;
    int nanos = 0;
    if (text.charAt(at) == '.') {
      int digits = 0;
      at++;
      for (; at < length && text.charAt(at) >= '0' && text.charAt(at) <= '9'; at++) {
        if (digits == 9) {
          return null;
        }
        nanos = nanos * 10 + (text.charAt(at) - '0');
        digits++;
      }
      if (digits == 0) {
        return null;
      }
      for (int i = digits; i < 9; i++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset;
    if (at == length - 1 && text.charAt(at) == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
      int hours = number(text, at + 1, 2);
      int minutes = number(text, at + 4, 2);
      if ((hours | minutes) < 0) {
        return null;
      }
      try {
        int sign = text.charAt(at) == '-' ? -1 : 1;
        offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
      } catch (DateTimeException outOfRange) {
        return null;
      }
    } else {
      return null;
    }
    try {
      OffsetDateTime time = OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
      return offset == ZoneOffset.UTC ? time : time.withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeException notARealTime) {
      return null;
    }
  }

  /** The {@code width} ASCII digits at {@code from} as a number, or -1 when one is not a digit. */
  private static int number(String text, int from, int width) {
    int value = 0;
    for (int i = from; i < from + width; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static int digits(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }

  /** A property with a format of its own ({@code @JsonFormat}) is the module's to write or read, as it says. */
  private static boolean formatted(JsonFormat.Value format) {
    return format != null && !JsonFormat.Value.empty().equals(format);
  }

  private static final class Writer extends StdScalarSerializer<OffsetDateTime> implements ContextualSerializer {

    Writer() {
      super(OffsetDateTime.class);
    }

    @Override
    public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property) throws JsonMappingException {
      return formatted(findFormatOverrides(provider, property, handledType()))
          ? OffsetDateTimeSerializer.INSTANCE.createContextual(provider, property) : this;
    }

    @Override
    public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
      if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
        OffsetDateTimeSerializer.INSTANCE.serialize(value, generator, provider);
      } else {
        generator.writeString(format(value));
      }
    }
  }

  private static final class Reader extends StdScalarDeserializer<OffsetDateTime> implements ContextualDeserializer {

    Reader() {
      super(OffsetDateTime.class);
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
        throws JsonMappingException {
      return formatted(findFormatOverrides(context, property, handledType()))
          ? InstantDeserializer.OFFSET_DATE_TIME.createContextual(context, property) : this;
    }

    @Override
    public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.hasToken(JsonToken.VALUE_STRING)
          && context.isEnabled(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          && context.getTimeZone().toZoneId().normalized().equals(ZoneOffset.UTC)) {
        OffsetDateTime canonical = parseCanonical(parser.getText());
        if (canonical != null) {
          return canonical;
        }
      }
      return InstantDeserializer.OFFSET_DATE_TIME.deserialize(parser, context);
    }
  }
}

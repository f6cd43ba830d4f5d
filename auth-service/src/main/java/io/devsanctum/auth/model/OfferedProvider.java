package io.devsanctum.auth.model;

/**
 * A provider as the sign-in page offers it.
 *
 * @param iconUrl   its button's image, or null
 * @param available whether it answered the last check; a sign-in through one that does not will fail
 */
public record OfferedProvider(String id, String name, String iconUrl, boolean available) {
}

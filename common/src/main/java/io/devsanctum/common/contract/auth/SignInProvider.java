package io.devsanctum.common.contract.auth;

/** A provider users may sign in with: its id in URLs ({@code github}) and its name on the button. */
public record SignInProvider(String id, String name) {
}

package io.devsanctum.common.contract.routing;

/** How many routes a deregistration made inactive, and how many it deleted. */
public record RoutesDeregistered(int deactivated, int removed) {
}

package io.devsanctum.common.contract.routing;

import java.util.List;

/**
 * Every route, and the version of the table they were read at: the changes that follow it carry
 * higher versions.
 */
public record RouteTable(long version, List<RouteMapping> routes) {
}

package io.devsanctum.common.runtime;

import io.devsanctum.common.contract.ApiDocument;

/**
 * Parses the OpenAPI document on a thread of its own as a process starts. Every service reads
 * limits from it while it is being wired ({@code TypedBus} clients, paging, template rules), on
 * its event loop: started first, the parse runs while Vert.x and the database come up, and an event
 * loop finds it done or waits for the rest of it instead of parsing it itself.
 */
public final class ApiDocumentPreload {

  private ApiDocumentPreload() {
  }

  public static void start() {
    // the class is initialised (the YAML parsed) by the first call, here on the new thread
    Thread parser = new Thread(ApiDocument::document, "api-document-preload");
    parser.setDaemon(true);
    parser.start();
  }
}

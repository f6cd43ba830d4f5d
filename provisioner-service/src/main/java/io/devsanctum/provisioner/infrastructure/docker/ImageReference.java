package io.devsanctum.provisioner.infrastructure.docker;

/**
 * An image reference split the way the pull API wants it. A reference without tag means
 * {@code latest}: pulling a bare repository would fetch every tag.
 *
 * @param tag null for a digest reference ({@code repo@sha256:…}), which is pulled as a whole
 */
record ImageReference(String repository, String tag) {

  /** Where the image is pulled from: the registry the reference names, else Docker Hub. */
  String registry() {
    int slash = repository.indexOf('/');
    if (slash > 0) {
      String first = repository.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        return first;
      }
    }
    return "Docker Hub";
  }

  static ImageReference parse(String image) {
    if (image.contains("@")) {
      return new ImageReference(image, null);
    }
    int colon = image.lastIndexOf(':');
    if (colon > image.lastIndexOf('/')) {
      return new ImageReference(image.substring(0, colon), image.substring(colon + 1));
    }
    return new ImageReference(image, "latest");
  }
}

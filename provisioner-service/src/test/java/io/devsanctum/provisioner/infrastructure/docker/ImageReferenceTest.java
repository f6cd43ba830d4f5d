package io.devsanctum.provisioner.infrastructure.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {

  @Test
  void splitsTagsAndNeverPullsEveryTagOfABareRepository() {
    assertThat(ImageReference.parse("foo:1")).isEqualTo(new ImageReference("foo", "1"));
    assertThat(ImageReference.parse("registry:5000/team/foo")).isEqualTo(new ImageReference("registry:5000/team/foo", "latest"));
    assertThat(ImageReference.parse("registry:5000/team/foo:2.1")).isEqualTo(new ImageReference("registry:5000/team/foo", "2.1"));
    assertThat(ImageReference.parse("foo@sha256:abc")).isEqualTo(new ImageReference("foo@sha256:abc", null));
  }
}

package io.devsanctum.common.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a service process is, for the work it leaves unfinished: an id kept in the data directory,
 * so the process restarted on the same directory (after a crash, on the same node) is the same
 * instance again and can take its own unfinished work back at once instead of waiting for its
 * lease to run out. Each id is held by one live process only (an OS file lock, released by the
 * kernel when the process dies), so a second process on the same directory takes the next slot
 * and another id. Without a usable data directory the id lasts for this process only.
 */
public final class InstanceIdentity implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InstanceIdentity.class);
  private static final int MAX_SLOTS = 64;

  private final String id;
  private final FileChannel channel;
  private final FileLock lock;

  private InstanceIdentity(String id, FileChannel channel, FileLock lock) {
    this.id = id;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the first free identity of {@code service} under {@code dataDir}/instances. */
  public static InstanceIdentity claim(Path dataDir, String service) {
    Path directory = dataDir.resolve("instances");
    try {
      Files.createDirectories(directory);
      for (int slot = 0; slot < MAX_SLOTS; slot++) {
        Path file = directory.resolve(service + "-" + slot + ".id");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel);
        if (lock == null) {
          channel.close(); // a live process holds this slot
          continue;
        }
        String id = host() + "/" + service + "-" + slot + "/" + storedUuid(channel);
        LOG.info("{} runs as instance {} (kept in {})", service, id, file);
        return new InstanceIdentity(id, channel, lock);
      }
      LOG.warn("all {} instance slots of {} in {} are held by live processes; this one gets an identity "
          + "of its own for this run only", MAX_SLOTS, service, directory);
    } catch (IOException | RuntimeException e) {
      LOG.warn("the data directory {} cannot keep the identity of {} ({}); it gets one for this run only, so after "
          + "a crash its unfinished work is taken over when its lease runs out", directory, service, e.getMessage());
    }
    return new InstanceIdentity(host() + "/" + service + "/" + UUID.randomUUID(), null, null);
  }

  public String id() {
    return id;
  }

  /** Gives the identity up (a stopped service); the next process on the directory takes it again. */
  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      LOG.debug("releasing instance identity {}: {}", id, e.getMessage());
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldInThisProcess) {
      return null;
    }
  }

  /** The UUID the slot's file keeps, written there on first use. */
  private static UUID storedUuid(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64);
    channel.read(buffer, 0);
    String stored = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    try {
      return UUID.fromString(stored);
    } catch (IllegalArgumentException emptyOrDamaged) {
      UUID fresh = UUID.randomUUID();
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((fresh + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      channel.force(true);
      return fresh;
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}

package org.dataembassy.runtime.crypto;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Creates shared key material at most once when several sites of the local federation start at
 * the same time over one data directory: the work runs under an exclusive file lock.
 */
public final class KeyFileLock {

  private KeyFileLock() {}

  public interface IoSupplier<T> {
    T get() throws IOException;
  }

  public static <T> T underLock(Path lockFile, IoSupplier<T> work) throws IOException {
    Files.createDirectories(lockFile.toAbsolutePath().getParent());
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      return work.get();
    }
  }
}

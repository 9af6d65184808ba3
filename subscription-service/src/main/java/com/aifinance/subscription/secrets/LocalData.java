package com.aifinance.subscription.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The local platform's data folder ({@code AIFA_LOCAL_DIR}/data): where a developer's machine keeps what production
 * takes from the environment (the encryption key, client secrets) and the demo credentials. Files are written
 * atomically and readable by the owner only.
 */
public record LocalData(Path directory) {

    public Optional<String> read(String name) {
        Path file = directory.resolve(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public Path write(String name, String content) {
        Path file = directory.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            ownerOnly(temporary);
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a non-POSIX file system: the folder's own permissions apply
        }
    }
}

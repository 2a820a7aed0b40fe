package org.bascule.ops.runtime;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket's place in the file system, made owner-only: the directory created 0700 when Bascule
 * creates it and refused when another user owns it (someone who can rename entries in it could
 * swap the socket); a leftover socket file probed, removed when no one answers (a daemon that
 * died without cleaning up) and left alone when a daemon answers; the socket file 0600 once bound.
 */
final class SocketFile {
    private static final Logger LOG = LoggerFactory.getLogger(SocketFile.class);

    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> SOCKET_MODE = PosixFilePermissions.fromString("rw-------");
    /** sun_path holds 108 bytes with the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private SocketFile() {}

    /** Binds a listening socket at {@code path}, owner-only; see the class comment for what is checked. */
    static ServerSocketChannel bind(Path path, int backlog) throws IOException {
        Path socket = path.toAbsolutePath();
        int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_PATH_BYTES) {
            throw new RuntimeSocketException("socket path too long: " + socket + " (" + length
                    + " bytes, expected: at most " + MAX_PATH_BYTES + ")");
        }
        prepareDirectory(socket.getParent());
        removeStale(socket);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(socket), backlog);
            // Between bind and chmod the file has the umask's mode; the 0700 directory covers that
            // gap when Bascule made it, and the JDK offers no umask to close it otherwise.
            Files.setPosixFilePermissions(socket, SOCKET_MODE);
            return channel;
        } catch (BindException e) {
            channel.close();
            // Another daemon bound the path between our probe and our bind.
            throw busy(socket);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The identity (device and inode) of the file now at {@code path}, or null when there is none. */
    static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    static void prepareDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Path parent = dir.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
                // The umask could only remove bits; set the mode anyway so it is exactly 0700.
                Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
                return;
            } catch (FileAlreadyExistsException raced) {
                // Created meanwhile: check it like any existing directory.
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new RuntimeSocketException("socket directory " + dir + " is not a directory");
        }
        long owner = ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
        long self = Uid.current();
        if (owner != self && owner != 0) {
            throw new RuntimeSocketException("socket directory " + dir + " is owned by uid " + owner
                    + " (expected: uid " + self + " or root)");
        }
    }

    static void removeStale(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = ((Number) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue();
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new RuntimeSocketException(socket + " exists and is not a socket (expected: a socket or nothing)");
        }
        SocketChannel probe;
        try {
            probe = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (ConnectException refused) {
            // Nobody listens: the daemon that bound it is gone.
            Files.deleteIfExists(socket);
            LOG.info("removed stale runtime socket {}", socket);
            return;
        } catch (IOException e) {
            throw new RuntimeSocketException("cannot probe existing socket " + socket + ": " + e.getMessage(), e);
        }
        probe.close();
        throw busy(socket);
    }

    static RuntimeSocketException busy(Path socket) {
        return new RuntimeSocketException("another bascule daemon is running on " + socket);
    }
}

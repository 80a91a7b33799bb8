// SPDX-License-Identifier: Apache-2.0
package io.holdfast.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} on a loopback port, without persistence: {@link #restart()} brings
 * it back on the same port with no data, as a crashed Redis without persistence comes back. Needs
 * {@code redis-server} on the PATH (CI installs it). Used by one test thread.
 */
public final class RedisServer implements AutoCloseable
{
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final String password;
    private final Path dir;
    private Process process;

    private RedisServer(int port, String password) throws IOException
    {
        this.port = port;
        this.password = password;
        this.dir = Files.createTempDirectory("holdfast-redis");
    }

    /** A server without a password. */
    public static RedisServer start() throws IOException
    {
        return start(null);
    }

    /** A server requiring {@code password} ({@code --requirepass}); null for none. */
    public static RedisServer start(String password) throws IOException
    {
        RedisServer server = new RedisServer(Ports.unused(), password);
        server.launch();
        return server;
    }

    /** {@code redis://[:password@]127.0.0.1:port}. */
    public String uri()
    {
        return "redis://" + (password == null ? "" : ":" + password + "@") + "127.0.0.1:" + port;
    }

    public int port()
    {
        return port;
    }

    private void launch() throws IOException
    {
        List<String> command = new ArrayList<>(List.of("redis-server", "--save", "", "--appendonly", "no",
            "--bind", "127.0.0.1", "--port", Integer.toString(port), "--dir", dir.toString()));
        if (password != null)
            command.addAll(List.of("--requirepass", password));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile())
            .start();
        Await.until("redis-server answers on " + port + " (log: " + dir.resolve("redis.log") + ")", START_TIMEOUT, () ->
        {
            if (!process.isAlive())
                throw new AssertionError("redis-server exited: " + log());
            return answers();
        });
    }

    private boolean answers()
    {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port))
        {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            int first = in.read();
            // +PONG, or -NOAUTH from a server with a password: either way it is serving
            return first == '+' || first == '-';
        }
        catch (IOException e)
        {
            return false;
        }
    }

    /**
     * Sends one command with a fresh connection (authenticated when the server has a password)
     * and returns the raw RESP reply's first line; for tests that poke the server behind a broker.
     */
    public String command(String... args) throws IOException
    {
        return reply(1, args).get(0);
    }

    /** As {@link #command}, returning the first {@code lines} lines of the reply (an array's elements). */
    public List<String> reply(int lines, String... args) throws IOException
    {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port))
        {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (password != null)
            {
                out.write(resp("AUTH", password));
                readLine(in);
            }
            out.write(resp(args));
            List<String> reply = new ArrayList<>();
            for (int i = 0; i < lines; i++)
                reply.add(readLine(in));
            return reply;
        }
    }

    private static byte[] resp(String... args)
    {
        StringBuilder out = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args)
        {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            out.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException
    {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n')
        {
            if (c != '\r')
                line.append((char)c);
        }
        return line.toString();
    }

    /** How many clients are subscribed to pub/sub channel {@code channel} ({@code PUBSUB NUMSUB}). */
    public long subscribers(String channel) throws IOException
    {
        return Long.parseLong(reply(4, "PUBSUB", "NUMSUB", channel).get(3).substring(1));
    }

    /** Stops it gracefully (SIGTERM) and waits for it to exit. */
    public void stop() throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS))
            kill();
    }

    /** Kills it (SIGKILL), as a crash would, and waits for it to exit. */
    public void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** A new server on the same port, without the old one's data. */
    public void restart() throws IOException, InterruptedException
    {
        if (process.isAlive())
            stop();
        launch();
    }

    private String log()
    {
        try
        {
            return Files.readString(dir.resolve("redis.log"));
        }
        catch (IOException e)
        {
            return e.toString();
        }
    }

    @Override
    public void close() throws InterruptedException, IOException
    {
        if (process.isAlive())
            stop();
        try (Stream<Path> walk = Files.walk(dir))
        {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList())
                Files.deleteIfExists(path);
        }
    }
}

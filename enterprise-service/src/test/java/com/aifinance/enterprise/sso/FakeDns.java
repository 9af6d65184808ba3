package com.aifinance.enterprise.sso;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DNS server on a local UDP port that answers TXT queries from a map (RFC 1035 wire format), so domain
 * verification is tested through the JDK's real DNS client. Unknown names are NXDOMAIN.
 */
public final class FakeDns {

    private static FakeDns instance;

    private final DatagramSocket socket;
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();

    private FakeDns() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("fake-dns").start(this::serve);
    }

    public static synchronized FakeDns get() {
        if (instance == null) {
            try {
                instance = new FakeDns();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public void publishTxt(String name, String... values) {
        txt.put(name.toLowerCase(Locale.ROOT), List.of(values));
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                byte[] answer = answer(ByteBuffer.wrap(query.getData(), 0, query.getLength()));
                socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                // a malformed query gets no answer, like a real server under attack
            }
        }
    }

    private byte[] answer(ByteBuffer query) {
        short id = query.getShort();
        query.position(12);
        StringBuilder name = new StringBuilder();
        int length;
        while ((length = query.get() & 0xff) != 0) {
            byte[] label = new byte[length];
            query.get(label);
            name.append(name.isEmpty() ? "" : ".").append(new String(label, StandardCharsets.US_ASCII));
        }
        int questionEnd = query.position() + 4;
        int type = query.getShort() & 0xffff;
        List<String> values = type == 16 ? txt.get(name.toString().toLowerCase(Locale.ROOT)) : null;
        ByteBuffer response = ByteBuffer.allocate(512);
        response.putShort(id);
        response.putShort((short) (values == null ? 0x8183 : 0x8180));   // response, recursion; NXDOMAIN when unknown
        response.putShort((short) 1).putShort((short) (values == null ? 0 : values.size()))
                .putShort((short) 0).putShort((short) 0);
        response.put(query.array(), query.arrayOffset() + 12, questionEnd - 12);
        if (values != null) {
            for (String value : values) {
                byte[] text = value.getBytes(StandardCharsets.US_ASCII);
                response.putShort((short) 0xC00C).putShort((short) 16).putShort((short) 1).putInt(60)
                        .putShort((short) (text.length + 1)).put((byte) text.length).put(text);
            }
        }
        byte[] bytes = new byte[response.position()];
        response.flip().get(bytes);
        return bytes;
    }
}

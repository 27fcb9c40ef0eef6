package org.vmstation.engine.qmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Correlation, events and failure handling, against a scripted QMP server on a real UNIX socket. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QmpClientTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    @Test
    void handshakeReadsGreetingAndNegotiatesCapabilities() throws Exception {
        ScriptedQmpPeer peer = peer("hello.sock");
        QmpClient client = connect(peer);

        assertThat(client.greeting()).isEqualTo(new QmpGreeting(8, 2, 1, "scripted", List.of("oob")));
        assertThat(client.greeting().version()).isEqualTo("8.2.1");
        assertThat(client.greeting().isAtLeast(7, 2)).isTrue();
        assertThat(client.greeting().isAtLeast(8, 3)).isFalse();
        assertThat(client.isConnected()).isTrue();
        assertThat(thread("qmp-reader-hello.sock")).isNotNull().satisfies(t -> assertThat(t.isDaemon()).isTrue());
        assertThat(thread("qmp-events-hello.sock")).isNotNull();
    }

    @Test
    void commandsCarryUniqueIdsAndArgumentsAndReturnTheReturnValue() throws Exception {
        ScriptedQmpPeer peer = peer("cmd.sock");
        QmpClient client = connect(peer);

        CompletableFuture<QmpStatus> status = async(client::queryStatus);
        ObjectNode query = peer.nextCommand();
        assertThat(query.path("execute").asText()).isEqualTo("query-status");
        assertThat(query.has("arguments")).isFalse();
        peer.sendReturn(query, "{\"status\": \"paused\", \"singlestep\": false, \"running\": false}");
        assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(new QmpStatus("paused", false));

        Map<String, Object> props = new LinkedHashMap<>();
        props.put("driver", "usb-tablet");
        props.put("id", "tablet0");
        props.put("bus", "xhci.0");
        CompletableFuture<Void> add = run(() -> client.deviceAdd(props));
        ObjectNode deviceAdd = peer.nextCommand();
        assertThat(deviceAdd.path("execute").asText()).isEqualTo("device_add");
        assertThat(deviceAdd.path("arguments").toString()).isEqualTo("{\"driver\":\"usb-tablet\",\"id\":\"tablet0\",\"bus\":\"xhci.0\"}");
        assertThat(deviceAdd.path("id").asText()).isNotEqualTo(query.path("id").asText());
        peer.sendReturn(deviceAdd, "{}");
        add.get(10, TimeUnit.SECONDS);

        CompletableFuture<Void> shot = run(() -> client.screendump(dir.resolve("screen.png")));
        ObjectNode screendump = peer.nextCommand();
        assertThat(screendump.path("arguments").path("filename").asText()).isEqualTo(dir.resolve("screen.png").toString());
        assertThat(screendump.path("arguments").path("format").asText()).isEqualTo("png");
        peer.sendReturn(screendump, "{}");
        shot.get(10, TimeUnit.SECONDS);

        CompletableFuture<Void> keys = run(() -> client.sendKeys("ctrl", "alt", "delete"));
        ObjectNode sendKey = peer.nextCommand();
        assertThat(sendKey.path("arguments").toString()).isEqualTo(
                "{\"keys\":[{\"type\":\"qcode\",\"data\":\"ctrl\"},{\"type\":\"qcode\",\"data\":\"alt\"},{\"type\":\"qcode\",\"data\":\"delete\"}]}");
        peer.sendReturn(sendKey, "{}");
        keys.get(10, TimeUnit.SECONDS);

        CompletableFuture<List<String>> types = async(() -> client.qomListTypes("pci-device"));
        ObjectNode qomList = peer.nextCommand();
        assertThat(qomList.path("arguments").path("implements").asText()).isEqualTo("pci-device");
        peer.sendReturn(qomList, "[{\"name\": \"e1000\", \"parent\": \"pci-device\"}, {\"name\": \"virtio-net-pci\"}]");
        assertThat(types.get(10, TimeUnit.SECONDS)).containsExactly("e1000", "virtio-net-pci");

        for (String command : List.of("cont", "stop", "system_reset", "system_powerdown")) {
            CompletableFuture<Void> done = run(() -> {
                switch (command) {
                    case "cont" -> client.cont();
                    case "stop" -> client.stop();
                    case "system_reset" -> client.systemReset();
                    default -> client.systemPowerdown();
                }
            });
            ObjectNode sent = peer.nextCommand();
            assertThat(sent.path("execute").asText()).isEqualTo(command);
            peer.sendReturn(sent, "{}");
            done.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void errorReplyBecomesCommandExceptionAndTheConnectionStaysUsable() throws Exception {
        ScriptedQmpPeer peer = peer("err.sock");
        QmpClient client = connect(peer);

        CompletableFuture<Void> del = run(() -> client.deviceDel("nic9"));
        ObjectNode command = peer.nextCommand();
        assertThat(command.path("arguments").path("id").asText()).isEqualTo("nic9");
        peer.sendError(command, "DeviceNotFound", "Device 'nic9' not found");
        assertThat(failure(del)).isInstanceOfSatisfying(QmpCommandException.class, e -> {
            assertThat(e.errorClass()).isEqualTo("DeviceNotFound");
            assertThat(e.description()).isEqualTo("Device 'nic9' not found");
            assertThat(e.command()).isEqualTo("device_del");
            assertThat(e).hasMessageContaining("device_del").hasMessageContaining("Device 'nic9' not found");
        });

        assertThat(client.isConnected()).isTrue();
        CompletableFuture<JsonNode> version = client.execute("query-version", null);
        peer.sendReturn(peer.nextCommand(), "{\"qemu\": {\"major\": 8}}");
        assertThat(version.get(10, TimeUnit.SECONDS).path("qemu").path("major").asInt()).isEqualTo(8);
    }

    @Test
    void tenThousandEventsAroundAReplyArriveInOrderWhileASlowListenerDoesNotDelayTheReply() throws Exception {
        ScriptedQmpPeer peer = peer("flood.sock");
        QmpClient client = connect(peer);
        CountDownLatch replyReceived = new CountDownLatch(1);
        CountDownLatch allEvents = new CountDownLatch(10_000);
        List<Integer> sequence = new CopyOnWriteArrayList<>();
        client.addEventListener(event -> {
            if (sequence.isEmpty()) {
                await(replyReceived); // a listener stuck on the first event
            }
            sequence.add(event.data().path("seq").asInt());
            allEvents.countDown();
        });

        CompletableFuture<JsonNode> reply = client.execute("query-status", Map.of());
        ObjectNode command = peer.nextCommand();
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            if (i == 5_000) {
                burst.append("{\"return\": {\"status\": \"running\", \"running\": true}, \"id\": \"")
                        .append(command.path("id").asText()).append("\"}\r\n");
            }
            burst.append(ScriptedQmpPeer.event("RTC_CHANGE", "{\"seq\": " + i + "}")).append("\r\n");
        }
        peer.sendRaw(burst.toString());

        assertThat(reply.get(10, TimeUnit.SECONDS).path("status").asText()).isEqualTo("running");
        assertThat(sequence).as("the listener is still stuck on the first event").isEmpty();
        replyReceived.countDown();
        assertThat(allEvents.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(sequence).hasSize(10_000);
        for (int i = 0; i < 10_000; i++) {
            if (sequence.get(i) != i) {
                throw new AssertionError("event " + i + " arrived as number " + sequence.get(i));
            }
        }
    }

    @Test
    void repliesAreMatchedByIdEvenWhenTheyArriveOutOfOrder() throws Exception {
        ScriptedQmpPeer peer = peer("order.sock");
        QmpClient client = connect(peer);
        List<CompletableFuture<JsonNode>> futures = new ArrayList<>();
        List<ObjectNode> commands = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            futures.add(client.execute("qom-get", Map.of("path", "/machine", "property", "p" + i)));
            commands.add(peer.nextCommand());
        }
        assertThat(commands).extracting(c -> c.path("id").asText()).doesNotHaveDuplicates();
        for (int i = 2; i >= 0; i--) {
            String property = commands.get(i).path("arguments").path("property").asText();
            peer.sendReturn(commands.get(i), "\"value-of-" + property + "\"");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(futures.get(i).get(10, TimeUnit.SECONDS).asText()).isEqualTo("value-of-p" + i);
        }
    }

    @Test
    void timeoutNamesTheCommandAndALateReplyIsIgnored() throws Exception {
        ScriptedQmpPeer peer = peer("slow.sock");
        QmpClient client = connect(peer);

        CompletableFuture<JsonNode> slow = client.execute("query-block", Map.of(), Duration.ofMillis(200));
        ObjectNode command = peer.nextCommand();
        assertThat(failure(slow)).isInstanceOfSatisfying(QmpTimeoutException.class, e -> {
            assertThat(e.command()).isEqualTo("query-block");
            assertThat(e).hasMessageContaining("'query-block'").hasMessageContaining("200 ms");
        });

        peer.sendReturn(command, "[]"); // far too late
        client.setCommandTimeout(Duration.ofSeconds(5));
        CompletableFuture<JsonNode> next = client.execute("query-name", Map.of());
        peer.sendReturn(peer.nextCommand(), "{\"name\": \"vm1\"}");
        assertThat(next.get(10, TimeUnit.SECONDS).path("name").asText()).isEqualTo("vm1");
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void peerHangingUpFailsEveryPendingCommandAndNotifiesListenersOnce() throws Exception {
        ScriptedQmpPeer peer = peer("gone.sock");
        QmpClient client = connect(peer);
        List<String> seen = new CopyOnWriteArrayList<>();
        List<QmpDisconnectedException> disconnects = new CopyOnWriteArrayList<>();
        client.addEventListener(new QmpEventListener() {
            @Override
            public void onEvent(QmpEvent event) {
                seen.add(event.name());
            }

            @Override
            public void onDisconnect(QmpDisconnectedException cause) {
                disconnects.add(cause);
            }
        });

        CompletableFuture<JsonNode> first = client.execute("query-status", Map.of());
        CompletableFuture<JsonNode> second = client.execute("query-cpus-fast", Map.of());
        peer.nextCommand();
        peer.nextCommand();
        peer.send(ScriptedQmpPeer.event(QmpEvent.SHUTDOWN, "{\"guest\": true, \"reason\": \"guest-shutdown\"}"));
        peer.hangUp();

        assertThat(failure(first)).isInstanceOf(QmpDisconnectedException.class)
                .hasMessageContaining("'query-status'")
                .hasMessageContaining("QEMU closed the monitor connection (the VM process exited?)");
        assertThat(failure(second)).isInstanceOf(QmpDisconnectedException.class).hasMessageContaining("'query-cpus-fast'");
        QmpDisconnectedException reason = client.disconnected().get(10, TimeUnit.SECONDS);
        assertThat(reason).hasMessageContaining(QmpDisconnectedException.PEER_CLOSED);
        assertThat(client.isConnected()).isFalse();

        waitUntil(() -> !disconnects.isEmpty());
        assertThat(seen).containsExactly(QmpEvent.SHUTDOWN);
        assertThat(disconnects).containsExactly(reason);

        assertThat(failure(client.execute("query-status", Map.of()))).isInstanceOf(QmpDisconnectedException.class);
        assertThatThrownBy(client::queryStatus).isInstanceOf(QmpDisconnectedException.class);
        List<QmpDisconnectedException> late = new ArrayList<>();
        client.addEventListener(new QmpEventListener() {
            @Override
            public void onEvent(QmpEvent event) {
            }

            @Override
            public void onDisconnect(QmpDisconnectedException cause) {
                late.add(cause);
            }
        });
        assertThat(late).as("a listener added after the end learns of it at once").containsExactly(reason);
        waitUntil(() -> thread("qmp-reader-gone.sock") == null && thread("qmp-events-gone.sock") == null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "garbage outside a message\r\n",
        "{\"return\": }\r\n",
        "{\"return\": {}}\r\n",
        "{\"hello\": 1}\r\n",
        "{\"QMP\": {\"version\": {}, \"capabilities\": []}}\r\n",
        "{\"event\": 42}\r\n",
        "{\"id\": \"%ID%\", \"error\": {}}\r\n",
    })
    void malformedMessageClosesTheConnectionWithAProtocolError(String bad) throws Exception {
        ScriptedQmpPeer peer = peer("bad.sock");
        QmpClient client = connect(peer);
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        try {
            List<QmpDisconnectedException> disconnects = new CopyOnWriteArrayList<>();
            client.addEventListener(new QmpEventListener() {
                @Override
                public void onEvent(QmpEvent event) {
                }

                @Override
                public void onDisconnect(QmpDisconnectedException cause) {
                    disconnects.add(cause);
                }
            });
            CompletableFuture<JsonNode> pending = client.execute("query-status", Map.of());
            ObjectNode command = peer.nextCommand();
            peer.sendRaw(bad.replace("%ID%", command.path("id").asText()));

            Throwable failure = failure(pending);
            assertThat(failure).isInstanceOf(QmpDisconnectedException.class).hasMessageContaining("malformed message");
            assertThat(failure.getCause().getCause()).isInstanceOf(QmpProtocolException.class);
            assertThat(client.disconnected().get(10, TimeUnit.SECONDS).getCause()).isInstanceOf(QmpProtocolException.class);
            assertThat(client.isConnected()).isFalse();
            waitUntil(() -> disconnects.size() == 1 && thread("qmp-reader-bad.sock") == null);
            assertThat(uncaught).isEmpty();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    @Test
    void messageOverTheSizeLimitClosesTheConnection() throws Exception {
        ScriptedQmpPeer peer = peer("big.sock");
        QmpClient client = QmpClient.over(UnixSocketTransport.connect(peer.socket(), Duration.ofSeconds(5)),
                Duration.ofSeconds(10), 4096);
        toClose.add(client);
        CompletableFuture<JsonNode> pending = client.execute("query-qmp-schema", Map.of());
        ObjectNode command = peer.nextCommand();
        peer.sendReturn(command, "\"" + "x".repeat(5000) + "\"");
        Throwable failure = failure(pending);
        assertThat(failure).isInstanceOf(QmpDisconnectedException.class);
        assertThat(failure.getCause().getCause()).isInstanceOf(QmpProtocolException.class)
                .hasMessageContaining("exceeds the limit of 4096 bytes");
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void eventsCarryNameDataAndQemuTimestamp() throws Exception {
        ScriptedQmpPeer peer = peer("ev.sock");
        QmpClient client = connect(peer);
        List<QmpEvent> events = new CopyOnWriteArrayList<>();
        client.addEventListener(events::add);

        Instant before = Instant.now();
        peer.send(ScriptedQmpPeer.event(QmpEvent.SHUTDOWN, "{\"guest\": true, \"reason\": \"guest-shutdown\"}"));
        peer.send(ScriptedQmpPeer.event(QmpEvent.STOP, null));
        peer.send("{\"event\": \"DEVICE_DELETED\", \"data\": {\"device\": \"nic1\", \"path\": \"/machine/peripheral/nic1\"}, "
                + "\"timestamp\": {\"seconds\": -1, \"microseconds\": 5000000}}");
        waitUntil(() -> events.size() == 3);

        QmpEvent shutdown = events.get(0);
        assertThat(shutdown.name()).isEqualTo("SHUTDOWN");
        assertThat(shutdown.byGuest()).isTrue();
        assertThat(shutdown.reason()).isEqualTo("guest-shutdown");
        assertThat(shutdown.timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 250_000_000L));
        assertThat(events.get(1).data().isObject()).isTrue();
        assertThat(events.get(1).data().size()).isZero();
        assertThat(events.get(1).byGuest()).isFalse();
        QmpEvent deleted = events.get(2);
        assertThat(deleted.data().path("device").asText()).isEqualTo("nic1");
        assertThat(deleted.timestamp()).as("an impossible timestamp falls back to the receipt time").isAfterOrEqualTo(before);
    }

    @Test
    void aFailingListenerDoesNotStopDeliveryToItselfOrOthers() throws Exception {
        ScriptedQmpPeer peer = peer("boom.sock");
        QmpClient client = connect(peer);
        List<String> faulty = new CopyOnWriteArrayList<>();
        List<String> healthy = new CopyOnWriteArrayList<>();
        client.addEventListener(event -> {
            faulty.add(event.name());
            throw new IllegalStateException("listener bug");
        });
        QmpEventListener second = event -> healthy.add(event.name());
        client.addEventListener(second);

        peer.send(ScriptedQmpPeer.event("STOP", null));
        peer.send(ScriptedQmpPeer.event("RESUME", null));
        waitUntil(() -> healthy.size() == 2);
        assertThat(faulty).containsExactly("STOP", "RESUME");
        assertThat(healthy).containsExactly("STOP", "RESUME");

        client.removeEventListener(second);
        peer.send(ScriptedQmpPeer.event("RESET", null));
        waitUntil(() -> faulty.size() == 3);
        assertThat(healthy).containsExactly("STOP", "RESUME");
    }

    @Test
    void quitSucceedsWhenQemuRepliesAndHangsUpAndWhenItHangsUpFirst() throws Exception {
        ScriptedQmpPeer peer = peer("quit.sock");
        QmpClient client = connect(peer);
        CompletableFuture<Void> quit = run(client::quit);
        ObjectNode command = peer.nextCommand();
        assertThat(command.path("execute").asText()).isEqualTo("quit");
        peer.send(ScriptedQmpPeer.event(QmpEvent.SHUTDOWN, "{\"guest\": false, \"reason\": \"host-qmp-quit\"}"));
        peer.sendReturn(command, "{}");
        peer.hangUp();
        quit.get(10, TimeUnit.SECONDS);
        assertThat(client.disconnected().get(10, TimeUnit.SECONDS)).hasMessageContaining(QmpDisconnectedException.PEER_CLOSED);

        ScriptedQmpPeer abrupt = peer("quit2.sock");
        QmpClient second = connect(abrupt);
        CompletableFuture<Void> quit2 = run(second::quit);
        abrupt.nextCommand();
        abrupt.hangUp();
        quit2.get(10, TimeUnit.SECONDS);
        assertThat(second.isConnected()).isFalse();
    }

    @Test
    void closingTheClientFailsPendingCommandsAndEndsItsThreads() throws Exception {
        ScriptedQmpPeer peer = peer("mine.sock");
        QmpClient client = connect(peer);
        CompletableFuture<JsonNode> pending = client.execute("query-status", Map.of());
        peer.nextCommand();
        client.close();
        assertThat(failure(pending)).isInstanceOf(QmpDisconnectedException.class).hasMessageContaining("closed by this client");
        assertThat(client.isConnected()).isFalse();
        waitUntil(() -> thread("qmp-reader-mine.sock") == null && thread("qmp-events-mine.sock") == null);
        client.close(); // idempotent
    }

    @Test
    void blockingCallFromTheReaderThreadIsRefusedInsteadOfDeadlocking() throws Exception {
        ScriptedQmpPeer peer = peer("self.sock");
        QmpClient client = connect(peer);
        CompletableFuture<JsonNode> chained = client.execute("stop", Map.of()).thenApply(ignored -> client.call("query-status"));
        peer.sendReturn(peer.nextCommand(), "{}");
        assertThat(failure(chained)).isInstanceOf(IllegalStateException.class).hasMessageContaining("reader thread");
    }

    @Test
    void greetingProblemsFailTheHandshakeClearly() throws Exception {
        ScriptedQmpPeer wrong = peer("wrong.sock", false);
        CompletableFuture<QmpClient> connecting = async(() -> QmpClient.connect(wrong.socket(), Duration.ofSeconds(10)));
        wrong.send("{\"return\": {}, \"id\": \"x\"}");
        assertThat(failure(connecting)).isInstanceOf(QmpProtocolException.class).hasMessageContaining("greeting");

        ScriptedQmpPeer silent = peer("silent.sock", false);
        assertThatThrownBy(() -> QmpClient.connect(silent.socket(), Duration.ofMillis(500)))
                .isInstanceOf(QmpTimeoutException.class).hasMessageContaining("greeting");

        ScriptedQmpPeer refuses = peer("refuse.sock", false);
        CompletableFuture<QmpClient> refused = async(() -> QmpClient.connect(refuses.socket(), Duration.ofSeconds(10)));
        refuses.sendRaw(ScriptedQmpPeer.GREETING);
        ObjectNode capabilities = refuses.nextCommand();
        assertThat(capabilities.path("execute").asText()).isEqualTo("qmp_capabilities");
        refuses.sendError(capabilities, "CommandNotFound", "Capabilities negotiation is already complete");
        assertThat(failure(refused)).isInstanceOf(QmpCommandException.class).hasMessageContaining("qmp_capabilities");
    }

    @Test
    void connectGivesUpAfterTheTimeoutNamingTheSocket() {
        Path missing = dir.resolve("never.sock");
        long start = System.nanoTime();
        assertThatThrownBy(() -> QmpClient.connect(missing, Duration.ofMillis(300)))
                .isInstanceOf(QmpConnectException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));

        Path tooLong = dir.resolve("x".repeat(120) + ".sock");
        assertThatThrownBy(() -> QmpClient.connect(tooLong, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 107 bytes");
    }

    @Test
    void connectRetriesUntilTheServerAppears() throws Exception {
        Path socket = dir.resolve("later.sock");
        CompletableFuture<QmpClient> connecting = async(() -> QmpClient.connect(socket, Duration.ofSeconds(10)));
        Thread.sleep(300);
        assertThat(connecting).isNotDone();
        ScriptedQmpPeer peer = ScriptedQmpPeer.listen(socket);
        toClose.add(peer);
        QmpClient client = connecting.get(10, TimeUnit.SECONDS);
        toClose.add(client);
        assertThat(client.greeting().major()).isEqualTo(8);
    }

    @Test
    void badArgumentsAreRejectedBeforeAnythingIsSent() throws Exception {
        ScriptedQmpPeer peer = peer("args.sock");
        QmpClient client = connect(peer);
        assertThatThrownBy(() -> client.deviceAdd(Map.of("id", "nic0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'driver'");
        assertThatThrownBy(() -> client.deviceAdd(Map.of("driver", "e1000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'id'");
        assertThatThrownBy(() -> client.deviceDel(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.execute("", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.execute("stop", Map.of(), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.execute("x", Map.of("bad", new Object()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x'");
        assertThatThrownBy(() -> client.sendKeys()).isInstanceOf(IllegalArgumentException.class);
        assertThat(client.isConnected()).isTrue();
    }

    // ---- helpers ----------------------------------------------------------------------------

    private ScriptedQmpPeer peer(String name) throws Exception {
        return peer(name, true);
    }

    private ScriptedQmpPeer peer(String name, boolean autoHandshake) throws Exception {
        Path socket = dir.resolve(name);
        ScriptedQmpPeer peer = autoHandshake ? ScriptedQmpPeer.listen(socket) : ScriptedQmpPeer.listenSilently(socket);
        toClose.add(peer);
        return peer;
    }

    private QmpClient connect(ScriptedQmpPeer peer) {
        QmpClient client = QmpClient.connect(peer.socket(), Duration.ofSeconds(10));
        toClose.add(client);
        return client;
    }

    private static <T> CompletableFuture<T> async(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                result.complete(action.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static CompletableFuture<Void> run(Runnable action) {
        return async(() -> {
            action.run();
            return null;
        });
    }

    private static Throwable failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the operation to fail, but it succeeded");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name) && t.isAlive()).findFirst().orElse(null);
    }

}

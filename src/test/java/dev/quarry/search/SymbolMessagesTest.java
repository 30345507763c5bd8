package dev.quarry.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The symbol requests and replies as HTTP and cluster peers see them: plain Jackson, snake_case names. */
class SymbolMessagesTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void requestsReadFromSnakeCaseJsonWithDefaultsForMissingFields() throws Exception {
        assertEquals(new DefinitionsRequest("greet", "prefix", "method", 5), mapper.readValue(
                "{\"name\":\"greet\",\"match\":\"prefix\",\"kind\":\"method\",\"limit\":5}", DefinitionsRequest.class));
        DefinitionsRequest bare = mapper.readValue("{\"name\":\"Greeter.greet\"}", DefinitionsRequest.class).validated();
        assertEquals(new DefinitionsRequest("Greeter.greet", "qualified", null, DefinitionsRequest.DEFAULT_LIMIT), bare);
        assertEquals(new CallsRequest("x", CallsRequest.DEFAULT_LIMIT),
                mapper.readValue("{\"symbol\":\" x \"}", CallsRequest.class).validated());
        assertEquals(new CallChainRequest("a::b", 2, "down", CallChainRequest.DEFAULT_LIMIT),
                mapper.readValue("{\"symbol\":\"a::b\",\"depth\":2,\"direction\":\"DOWN\"}", CallChainRequest.class).validated());
    }

    @Test
    void repliesRoundTripWithTheirTypeTag() throws Exception {
        SymbolDefinition caller = new SymbolDefinition("run", "Main.run", "method", "Main", "org.ex",
                "app/Main.java", 9, 12);
        SymbolDefinition target = new SymbolDefinition("greet", "Greeter.greet", "method", "Greeter", "org.ex",
                "app/Greeter.java", 4, 6);
        SymbolCall call = new SymbolCall("app/Main.java", 11, "greet", "greeter", caller, List.of(target), "exact");
        List<SymbolReply> replies = List.of(
                new SymbolReply.Definitions("i", List.of(target), 1, null),
                new SymbolReply.Calls("i", "up", List.of(call), 3, "partial"),
                new SymbolReply.Chains("i", "up", List.of(List.of(call)), 1, null),
                new SymbolReply.Unavailable("i", "loading", "index is loading its snapshot", true),
                new SymbolReply.Rejected("i", "depth must be between 1 and 10: 11"));
        for (SymbolReply reply : replies) {
            String json = mapper.writerFor(SymbolReply.class).writeValueAsString(reply);
            assertEquals(reply, mapper.readValue(json, SymbolReply.class), json);
        }
        String calls = mapper.writerFor(SymbolReply.class).writeValueAsString(replies.get(1));
        assertTrue(calls.contains("\"type\":\"calls\"") && calls.contains("\"qualified_name\":\"Main.run\"")
                && calls.contains("\"start_line\":9") && calls.contains("\"index_id\":\"i\""), calls);
        assertInstanceOf(SymbolReply.Calls.class, mapper.readValue(calls, SymbolReply.class));
    }
}

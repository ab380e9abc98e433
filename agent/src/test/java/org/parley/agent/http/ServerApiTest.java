package org.parley.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerApiTest {
    @Test
    void aBodyKeepsTheFieldsOrderAndWritesWholeNumbersAsNumbers() {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("supportKey", "123456789");
        fields.put("participant", 7);
        fields.put("name", "Büro \"PC\"");
        assertThat(ServerApi.object(fields)).isEqualTo("{\"supportKey\":\"123456789\",\"participant\":7,\"name\":\"Büro \\\"PC\\\"\"}");
    }

    @Test
    void anAnswerIsReadAsItsTextFieldsAndThoseOfAnObjectInIt() {
        Map<String, String> fields = ServerApi.fields(
                "{\"sessionId\":\"s\",\"expiresIn\":600,\"technician\":{\"name\":\"Ada\",\"id\":3},\"tags\":[\"x\"],\"relayPath\":\"/r\"}");
        assertThat(fields).containsExactlyInAnyOrderEntriesOf(Map.of("sessionId", "s", "technician.name", "Ada", "relayPath", "/r"));
    }

    @Test
    void aProxysErrorPageOrAnAnswerWithAFieldTwiceHasNoFields() {
        assertThat(ServerApi.fields("<html>502 Bad Gateway</html>")).isEmpty();
        assertThat(ServerApi.fields("")).isEmpty();
        assertThat(ServerApi.fields("[\"message\"]")).isEmpty();
        assertThat(ServerApi.fields("{\"relayPath\":\"/relay/a\",\"relayPath\":\"/relay/b\"}")).isEmpty();
    }
}

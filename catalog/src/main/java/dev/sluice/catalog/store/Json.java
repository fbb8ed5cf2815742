package dev.sluice.catalog.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON columns of the store. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<StoredFunction.Resource>> RESOURCES =
            new TypeReference<>() {};

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(
                    value instanceof Map<?, ?> map ? new TreeMap<>(map) : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write catalog JSON", e);
        }
    }

    static Map<String, String> readMap(String json, String what) {
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new CorruptedRowException(what, e);
        }
    }

    static List<String> readStrings(String json, String what) {
        try {
            return MAPPER.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new CorruptedRowException(what, e);
        }
    }

    static List<StoredFunction.Resource> readResources(String json, String what) {
        try {
            return MAPPER.readValue(json, RESOURCES);
        } catch (JsonProcessingException e) {
            throw new CorruptedRowException(what, e);
        }
    }
}

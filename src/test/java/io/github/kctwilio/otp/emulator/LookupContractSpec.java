package io.github.kctwilio.otp.emulator;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Twilio's official Lookup v2 OpenAPI description (test resource {@code twilio/twilio_lookups_v2.json}, MIT, taken
 * unchanged from twilio/twilio-oai), made usable as a contract by two in-memory adjustments:
 *
 * <ol>
 * <li><b>Required properties.</b> As in the Verify description ({@link ContractSpec}), no response schema lists
 * {@code required} properties, so a response missing {@code phone_number} would pass. Every example of the
 * description carries every property, so the copy requires all declared properties of {@code LookupResponse} and of
 * the packages the emulator answers (line type intelligence, SMS pumping risk, SIM swap and its last swap).</li>
 * <li><b>Nulls.</b> The description declares no package, and no property inside one, nullable, yet its own examples
 * answer {@code null} for every package not asked for and inside packages ({@code "error_code": null},
 * {@code "last_sim_swap_date": null}, {@code "validation_errors": null}). The copy makes those schemas and their
 * properties nullable, as the examples show. Types stay as declared: a string where an integer belongs still fails.</li>
 * </ol>
 * The adjusted copy accepts every example of the description ({@code LookupEmulatorContractTest} checks that).
 */
final class LookupContractSpec {

    static final String RESOURCE = "/twilio/twilio_lookups_v2.json";
    static final String PATH = "/v2/PhoneNumbers/{PhoneNumber}";
    private static final String RESPONSE = "LookupResponse";
    private static final List<String> EMULATED = List.of("LineTypeIntelligenceInfo", "SmsPumpingRiskInfo", "SimSwapInfo",
            "LastSimSwapInfo");

    private LookupContractSpec() {
    }

    static JsonNode original() {
        return ContractSpec.load(RESOURCE);
    }

    static OpenApiInteractionValidator strictValidator(JsonNode original) {
        ObjectNode spec = original.deepCopy();
        ObjectNode schemas = (ObjectNode) spec.path("components").path("schemas");
        ObjectNode response = (ObjectNode) schemas.get(RESPONSE);
        ContractSpec.requireAll(response);
        EMULATED.forEach(name -> ContractSpec.requireAll((ObjectNode) schemas.get(name)));
        ((ObjectNode) response.path("properties").path("validation_errors")).put("nullable", true);
        // Every package schema LookupResponse refers to, and LastSimSwapInfo inside SimSwapInfo.
        response.path("properties").forEach(property -> nullablePackage(schemas, property));
        nullablePackage(schemas, schemas.path("SimSwapInfo").path("properties").path("last_sim_swap"));
        return OpenApiInteractionValidator.createForInlineApiSpecification(spec.toString()).build();
    }

    /** The examples Twilio gives for the 200 answer, by name. */
    static Map<String, JsonNode> examples(JsonNode spec) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        spec.path("paths").path(PATH).path("get").path("responses").path("200").path("content").path("application/json")
                .path("examples").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("value")));
        return out;
    }

    /** A lookup as sent: path, query parameters, Basic credentials. */
    static Request request(String number, Map<String, String> query, String authorization) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(Request.Method.GET, "/v2/PhoneNumbers/" + number);
        query.forEach(b::withQueryParam);
        if (authorization != null) {
            b.withAuthorization(authorization);
        }
        return b.build();
    }

    private static void nullablePackage(ObjectNode schemas, JsonNode property) {
        String ref = property.path("$ref").asText("");
        if (!ref.startsWith("#/components/schemas/")) {
            return;
        }
        ObjectNode schema = (ObjectNode) schemas.get(ref.substring("#/components/schemas/".length()));
        schema.put("nullable", true);
        schema.path("properties").forEach(p -> ((ObjectNode) p).put("nullable", true));
    }
}

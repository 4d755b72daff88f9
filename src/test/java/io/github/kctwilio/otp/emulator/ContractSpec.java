package io.github.kctwilio.otp.emulator;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Twilio's official Verify v2 OpenAPI description (test resource {@code twilio/twilio_verify_v2.json}, MIT,
 * taken unchanged from twilio/twilio-oai), made usable as a contract by two in-memory adjustments:
 *
 * <ol>
 * <li><b>Required properties.</b> The spec's response schemas list no {@code required} properties at all, so
 * a response missing {@code sid} would pass. Real Twilio always sends every property (null where empty, as
 * all of the spec's examples show), so the copy makes every declared property of the verification,
 * verification check and error schemas required. Undeclared properties already fail: the validator treats
 * schemas as closed unless they say otherwise.</li>
 * <li><b>Form bodies.</b> The validator turns form values into JSON by guessing their type ({@code Long.parseLong},
 * then double, true/false, "null"), so {@code To=+14155550134} or {@code Code=123456} become numbers and fail
 * {@code type: string}. On the wire every form value is a string, so each form request body is also offered
 * as {@code application/json} with the same schema, and requests are validated as a JSON object of strings
 * ({@link #request}).</li>
 * </ol>
 */
final class ContractSpec {

    static final String RESOURCE = "/twilio/twilio_verify_v2.json";
    static final String VERIFICATION_SCHEMA = "verify.v2.service.verification";
    static final String CHECK_SCHEMA = "verify.v2.service.verification_check";
    /** The only error response the spec describes for the operations the plugin uses. */
    static final String CREATE_PATH = "/v2/Services/{ServiceSid}/Verifications";

    private ContractSpec() {
    }

    static JsonNode original() {
        return load(RESOURCE);
    }

    /** One of Twilio's OpenAPI descriptions among the test resources, as it is. */
    static JsonNode load(String resource) {
        try (InputStream in = ContractSpec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return VerifyHttp.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A validator over the adjusted copy of the spec described above. */
    static OpenApiInteractionValidator strictValidator(JsonNode original) {
        ObjectNode spec = original.deepCopy();
        ObjectNode schemas = (ObjectNode) spec.path("components").path("schemas");
        requireAll((ObjectNode) schemas.get(VERIFICATION_SCHEMA));
        requireAll((ObjectNode) schemas.get(CHECK_SCHEMA));
        requireAll((ObjectNode) errorSchema(spec));
        for (JsonNode pathItem : spec.path("paths")) {
            for (JsonNode operation : pathItem) {
                JsonNode content = operation.path("requestBody").path("content");
                JsonNode form = content.get("application/x-www-form-urlencoded");
                if (form != null) {
                    ((ObjectNode) content).set("application/json", form.deepCopy());
                }
            }
        }
        return OpenApiInteractionValidator.createForInlineApiSpecification(spec.toString()).build();
    }

    /** The inline error schema of CreateVerification's 429 response: {code, message, more_info, status}. */
    static JsonNode errorSchema(JsonNode spec) {
        return spec.path("paths").path(CREATE_PATH).path("post").path("responses").path("429")
                .path("content").path("application/json").path("schema");
    }

    /** The request as sent, with its form body restated as a JSON object of strings (see class comment). */
    static Request request(VerifyHttp.Call call) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(call.method(), call.path());
        if (call.authorization() != null) {
            b.withAuthorization(call.authorization());
        }
        if (!"GET".equals(call.method())) {
            ObjectNode body = VerifyHttp.MAPPER.createObjectNode();
            call.form().forEach(body::put);
            b.withContentType("application/json").withBody(body.toString());
        }
        return b.build();
    }

    /** Status codes the spec describes for an operation, e.g. [201, 429] for CreateVerification. */
    static List<String> documentedStatuses(JsonNode spec, String pathTemplate, String method) {
        JsonNode responses = spec.path("paths").path(pathTemplate).path(method).path("responses");
        List<String> out = new ArrayList<>();
        responses.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static void requireAll(ObjectNode schema) {
        ArrayNode required = schema.putArray("required");
        schema.path("properties").fieldNames().forEachRemaining(required::add);
    }
}

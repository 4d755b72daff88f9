package io.github.kctwilio.otp.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Changes to a realm's declarative user profile (Realm settings, User profile), through the admin API. */
public final class UserProfiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UserProfiles() {
    }

    /**
     * Declares the phone number as the registration page needs it: viewed and edited by the user (so it is a field
     * of the form), and the verified flag viewed by the user but edited by admins only.
     */
    public static void phoneEditableAtSignup(AdminApi admin, String realm) {
        ObjectNode profile = read(admin, realm);
        ArrayNode attributes = (ArrayNode) profile.get("attributes");
        for (int i = attributes.size() - 1; i >= 0; i--) {
            String name = attributes.get(i).path("name").asText();
            if (name.equals("phoneNumber") || name.equals("phoneNumberVerified")) {
                attributes.remove(i);
            }
        }
        ObjectNode phone = attributes.addObject().put("name", "phoneNumber").put("displayName", "${phoneNumber}").put("multivalued", false);
        phone.putObject("permissions").<ObjectNode>set("view", JSON.createArrayNode().add("admin").add("user"))
                .set("edit", JSON.createArrayNode().add("admin").add("user"));
        phone.putObject("annotations").put("inputType", "html5-tel");
        ObjectNode verified = attributes.addObject().put("name", "phoneNumberVerified").put("multivalued", false);
        verified.putObject("permissions").<ObjectNode>set("view", JSON.createArrayNode().add("admin").add("user"))
                .set("edit", JSON.createArrayNode().add("admin"));
        admin.send("PUT", "/admin/realms/" + realm + "/users/profile", profile.toString());
    }

    private static ObjectNode read(AdminApi admin, String realm) {
        try {
            JsonNode profile = JSON.readTree(admin.send("GET", "/admin/realms/" + realm + "/users/profile", null).body());
            return (ObjectNode) profile;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("User profile of " + realm + " is not JSON", e);
        }
    }
}

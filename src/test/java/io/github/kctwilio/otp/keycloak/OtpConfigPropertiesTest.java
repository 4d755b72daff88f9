package io.github.kctwilio.otp.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.config.Setting;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Each factory's fields come from the table of settings, in its order; and the keys, types, defaults and options are
 * exactly those that realms in the wild have stored (written down from the lists the factories built by hand before the
 * table existed).
 */
class OtpConfigPropertiesTest {

    private static final String CHANNELS = "[sms, call, whatsapp, email]";
    private static final List<String> TWILIO = List.of(
            "verifyServiceSid|String|null|null|false",
            "accountSid|String|null|null|false");
    private static final List<String> DELIVERY = List.of(
            "defaultChannel|List|sms|" + CHANNELS + "|false",
            "channels|MultivaluedList|sms##call|" + CHANNELS + "|false",
            "defaultRegion|String|null|null|false",
            // Replaced by resendWaits; its default of 30 went, so new configs do not store it (ResendWaits).
            "resendCooldownSeconds|String|null|null|false",
            "sendLimitPerNumber|String|5/1h|null|false",
            "sendLimitPerUser|String|10/1h|null|false",
            "sendLimitPerIp|String|30/1h|null|false",
            "maxSendsPerLogin|String|5|null|false",
            "resendWaits|String|30s, 60s, 2m, 4m|null|false",
            "riskCheck|List|default|[default, enable]|false",
            "templateSid|String|null|null|false",
            "appHash|String|null|null|false");

    @Test
    void theStepsFieldsAreTheTablesStepRowsWithTheKeysAndDefaultsRealmsHaveStored() {
        List<ProviderConfigProperty> fields = new TwilioOtpAuthenticatorFactory().getConfigProperties();

        assertComeFromTheTable(fields, Setting.Place.STEP);
        assertThat(fields.stream().map(OtpConfigPropertiesTest::shape)).containsExactlyElementsOf(concat(TWILIO,
                List.of("authToken|Password|null|null|true"), DELIVERY, List.of(
                        "allowPhoneSetup|boolean|true|null|false",
                        "resetWithoutPhone|List|refuse|[refuse, skip]|false",
                        "rememberDeviceDays|String|0|null|false")));
    }

    @Test
    void theRequiredActionsFieldsAreKeycloaksMaximumAgeThenTheTablesRealmRows() {
        List<ProviderConfigProperty> all = new VerifyPhoneRequiredActionFactory().getConfigMetadata();
        // Keycloak's own fields of every required action (maximum age of the sign-in) come first.
        int keycloaks = RequiredActionFactory.MAX_AUTH_AGE_CONFIG_PROPERTIES.size();
        List<ProviderConfigProperty> fields = all.subList(keycloaks, all.size());

        assertComeFromTheTable(fields, Setting.Place.REALM);
        assertThat(fields.stream().map(OtpConfigPropertiesTest::shape)).containsExactlyElementsOf(concat(TWILIO,
                List.of("authToken|String|null|null|false"), DELIVERY, List.of(
                        "phoneAttribute|String|phoneNumber|null|false",
                        "phoneVerifiedAttribute|String|phoneNumberVerified|null|false",
                        "existingNumbers|List|trust|[trust, verify]|false",
                        "phoneNumbersPerUser|List|2|[2, 1]|false",
                        "allowedCountries|MultivaluedString|null|null|false",
                        "oneAccountPerNumber|boolean|false|null|false",
                        "realmSendLimit|String|300/1h|null|false",
                        "lookupEnabled|boolean|false|null|false",
                        "lookupRefusedLineTypes|MultivaluedList|nonFixedVoip##premium##tollFree##sharedCost##uan##voicemail##pager|"
                                + "[mobile, landline, fixedVoip, nonFixedVoip, personal, tollFree, premium, sharedCost, uan, "
                                + "voicemail, pager, unknown, none]|false",
                        "lookupSmsPumpingRiskThreshold|String|null|null|false",
                        "lookupSimSwapPeriod|String|null|null|false",
                        "lookupFailure|List|allow|[allow, refuse]|false",
                        "lookupCacheLifetime|String|7d|null|false")));
    }

    @Test
    void thePhoneSignInsFieldsAreTheStepsButThoseOfEnrolmentAndResets() {
        List<ProviderConfigProperty> fields = new PhoneLoginAuthenticatorFactory().getConfigProperties();

        assertComeFromTheTable(fields, Setting.Place.PHONE_LOGIN);
        assertThat(fields.stream().map(OtpConfigPropertiesTest::shape)).containsExactlyElementsOf(concat(TWILIO,
                List.of("authToken|Password|null|null|true"), DELIVERY, List.of("rememberDeviceDays|String|0|null|false")));
    }

    @Test
    void theSignupFormActionsFieldsAreTheTablesSignupRows() {
        List<ProviderConfigProperty> fields = new PhoneSignupFormActionFactory().getConfigProperties();

        assertComeFromTheTable(fields, Setting.Place.SIGNUP);
        assertThat(fields.stream().map(OtpConfigPropertiesTest::shape)).containsExactly(
                "phoneRequired|boolean|true|null|false",
                "defaultRegion|String|null|null|false");
    }

    @Test
    void theServerOptionsAreTheTablesServerRowsWithTheTypesKeycloaksOptionListingReads() {
        List<ProviderConfigProperty> options = new TwilioOtpAuthenticatorFactory().getConfigMetadata();

        assertComeFromTheTable(options, Setting.Place.SERVER);
        assertThat(options.stream().map(OtpConfigPropertiesTest::shape)).containsExactly(
                "account-sid|string|null|null|false",
                "auth-token|string|null|null|true",
                "verify-service-sid|string|null|null|false",
                "api-base-url|string|https://verify.twilio.com|null|false",
                "connect-timeout-ms|int|2000|null|false",
                "read-timeout-ms|int|5000|null|false",
                "lookup-api-base-url|string|https://lookups.twilio.com|null|false");
        assertThat(options.get(4).getDefaultValue()).isEqualTo(2000);
    }

    /** Same rows, same order; label, help, default and options as the table has them. */
    private static void assertComeFromTheTable(List<ProviderConfigProperty> fields, Setting.Place place) {
        List<Setting> rows = Setting.at(place);
        assertThat(fields).hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            Setting row = rows.get(i);
            ProviderConfigProperty field = fields.get(i);
            assertThat(field.getName()).isEqualTo(row.key());
            assertThat(field.getLabel()).isEqualTo(row.label());
            assertThat(field.getHelpText()).isEqualTo(row.help());
            assertThat(Objects.toString(field.getDefaultValue(), null)).isEqualTo(row.defaultValue());
            assertThat(field.getOptions() == null ? List.of() : field.getOptions()).isEqualTo(row.options());
        }
    }

    /** key|type|default|options|secret */
    private static String shape(ProviderConfigProperty p) {
        return p.getName() + "|" + p.getType() + "|" + p.getDefaultValue() + "|" + p.getOptions() + "|" + p.isSecret();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).toList();
    }
}

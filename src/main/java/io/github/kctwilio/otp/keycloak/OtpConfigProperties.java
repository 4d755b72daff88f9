package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.Setting;
import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The fields an admin sees behind a gear, and the server options {@code kc.sh} lists, built from the plugin's table of
 * settings ({@link Setting}) in its order.
 */
final class OtpConfigProperties {

    private OtpConfigProperties() {
    }

    /** The fields of a gear: the step's, the required action's (the realm's) or the signup form action's. */
    static List<ProviderConfigProperty> at(Setting.Place place) {
        return Setting.at(place).stream().map(OtpConfigProperties::field).toList();
    }

    /** The server-wide SPI options, with the type names Keycloak's option listing reads. */
    static List<ProviderConfigProperty> serverOptions() {
        return Setting.at(Setting.Place.SERVER).stream().map(setting -> {
            ProviderConfigProperty option = new ProviderConfigProperty();
            option.setName(setting.key());
            option.setHelpText(setting.help());
            option.setType(setting.type() == Setting.Type.NUMBER ? "int" : "string");
            option.setSecret(setting.type() == Setting.Type.SECRET);
            if (setting.defaultValue() != null) {
                option.setDefaultValue(setting.type() == Setting.Type.NUMBER ? Integer.valueOf(setting.defaultValue()) : setting.defaultValue());
            }
            return option;
        }).toList();
    }

    private static ProviderConfigProperty field(Setting setting) {
        ProviderConfigProperty field = new ProviderConfigProperty();
        field.setName(setting.key());
        field.setLabel(setting.label());
        field.setHelpText(setting.help());
        field.setType(switch (setting.type()) {
            case TEXT -> ProviderConfigProperty.STRING_TYPE;
            case SECRET -> ProviderConfigProperty.PASSWORD;
            case BOOLEAN -> ProviderConfigProperty.BOOLEAN_TYPE;
            case NUMBER -> ProviderConfigProperty.INTEGER_TYPE;
            case CHOICE -> ProviderConfigProperty.LIST_TYPE;
            case CHOICES -> ProviderConfigProperty.MULTIVALUED_LIST_TYPE;
            case TEXT_LIST -> ProviderConfigProperty.MULTIVALUED_STRING_TYPE;
        });
        field.setSecret(setting.type() == Setting.Type.SECRET);
        field.setDefaultValue(setting.defaultValue());
        if (!setting.options().isEmpty()) {
            field.setOptions(setting.options());
        }
        return field;
    }
}

package io.github.kctwilio.otp.keycloak.store;

import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.ActionTokenRule;
import io.github.kctwilio.otp.config.Setting;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

/**
 * Keeps a literal Auth Token out of the settings of the required action "Verify phone number" (see
 * {@link ActionTokenRule}). The gear's save is refused with a message. Keycloak stores the other ways in without
 * asking the action (a realm import, the REST call that replaces a whole required action, settings saved by an older
 * version of the plugin): there the token is removed, with one WARN line, at server start, right after a realm is
 * created or imported, and whenever the realm's phone rules are read.
 */
public final class ActionTokenGuard {

    private static final Logger LOG = Logger.getLogger(ActionTokenGuard.class);

    private ActionTokenGuard() {
    }

    /** The gear (PUT of the action's config): a literal token is a 400 naming the setting, nothing is stored. */
    public static void refuseLiteralToken(RequiredActionConfigModel model) {
        if (ActionTokenRule.holdsLiteralToken(model.getConfig())) {
            throw new ValidationException(new ValidationError(ProviderIds.VERIFY_PHONE_ACTION, Setting.REALM_AUTH_TOKEN.key(),
                    "Auth Token " + ActionTokenRule.EXPLANATION + "."));
        }
    }

    /** Cleans every realm once the database is ready at start, and each realm Keycloak creates or imports. */
    public static void onProviderEvent(KeycloakSessionFactory factory, ProviderEvent event) {
        if (event instanceof PostMigrationEvent) {
            KeycloakModelUtils.runJobInTransaction(factory,
                    // A list first: no update while the realm query is still open.
                    session -> session.realms().getRealmsStream().toList().forEach(ActionTokenGuard::removeLiteralToken));
        } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
            removeLiteralToken(created.getCreatedRealm());
        }
    }

    /**
     * The action's settings without a literal token; a literal one is removed from the stored settings too.
     *
     * @param settings the action's stored settings, null when the admin never saved any
     */
    public static Map<String, String> withoutLiteralToken(RealmModel realm, Map<String, String> settings) {
        if (!ActionTokenRule.holdsLiteralToken(settings)) {
            return settings;
        }
        removeLiteralToken(realm);
        Map<String, String> cleaned = new HashMap<>(settings);
        cleaned.remove(Setting.REALM_AUTH_TOKEN.key());
        return cleaned;
    }

    private static void removeLiteralToken(RealmModel realm) {
        RequiredActionProviderModel stored = realm.getRequiredActionProviderByAlias(ProviderIds.VERIFY_PHONE_ACTION);
        if (stored == null || !ActionTokenRule.holdsLiteralToken(stored.getConfig())) {
            return;
        }
        // A copy: the realm cache may hand out its own instance.
        RequiredActionProviderModel update = new RequiredActionProviderModel();
        update.setId(stored.getId());
        update.setAlias(stored.getAlias());
        update.setName(stored.getName());
        update.setProviderId(stored.getProviderId());
        update.setEnabled(stored.isEnabled());
        update.setDefaultAction(stored.isDefaultAction());
        update.setPriority(stored.getPriority());
        Map<String, String> config = new HashMap<>(stored.getConfig());
        config.remove(Setting.REALM_AUTH_TOKEN.key());
        update.setConfig(config);
        realm.updateRequiredActionProvider(update);
        LOG.warnf("Twilio OTP: removed the literal Auth Token (setting %s) from the required action %s of realm %s. The setting %s; "
                        + "the action now reads it as a blank setting.", Setting.REALM_AUTH_TOKEN.key(), ProviderIds.VERIFY_PHONE_ACTION,
                realm.getName(), ActionTokenRule.EXPLANATION);
    }
}

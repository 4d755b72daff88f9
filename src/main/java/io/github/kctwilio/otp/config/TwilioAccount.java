package io.github.kctwilio.otp.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A realm's Twilio account (Account SID, Auth Token, Verify Service SID) is set once per realm, on the required action
 * "Verify phone number", and a step may override it. Each of the three is read on its own, the first level that sets
 * it wins, and the server-wide option comes last ({@link TwilioOtpConfig#resolve}):
 * <ul>
 *   <li>a step: its own value, else the realm's;</li>
 *   <li>the required action: the realm's, else the value of the step that handed the user over in this sign-in (none
 *       when an admin, signup or an application's {@code kc_action} asked for the action).</li>
 * </ul>
 * Only the account moves between levels: channels, limits and the other settings are each level's own.
 */
public final class TwilioAccount {

    /** The account's settings. The step's and the realm's Auth Token share one key. */
    static final List<Setting> SETTINGS = List.of(Setting.ACCOUNT_SID, Setting.STEP_AUTH_TOKEN, Setting.VERIFY_SERVICE_SID);

    private TwilioAccount() {
    }

    /**
     * @param own   the settings of the level that runs (null when never saved)
     * @param below the settings of the next level (null when there is none); only its account is read
     * @return {@code own}, with each account setting it leaves blank taken from {@code below}
     */
    public static Map<String, String> over(Map<String, String> own, Map<String, String> below) {
        Map<String, String> merged = own == null ? new HashMap<>() : new HashMap<>(own);
        for (Setting setting : SETTINGS) {
            String value = setting.in(below);
            if (setting.in(own) == null && value != null) {
                merged.put(setting.key(), value);
            }
        }
        return merged;
    }
}

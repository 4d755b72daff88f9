package io.github.kctwilio.otp.keycloak.remember;

import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.RememberDevicePeriod;
import io.github.kctwilio.otp.keycloak.page.OtpEvents;
import io.github.kctwilio.otp.keycloak.page.OtpFormFields;
import io.github.kctwilio.otp.phone.PhoneCredentialData;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;

/**
 * "Remember this device" for one request of the Twilio OTP step or phone sign-in: whether the code form offers the
 * box, whether this browser's cookie lets the user pass without a code, and the cookie after an approved code with the
 * box ticked. Off (a zero period) wherever {@link RememberScope} says a device must not count, and where the setting
 * cannot be read (the step's settings loader reports that and lets nobody in).
 */
public final class DeviceMemory {

    /** Values of the event detail {@link OtpEvents#DETAIL_REMEMBERED_DEVICE}: the step passed on a cookie; a cookie was set. */
    private static final String USED = "used";
    private static final String ISSUED = "issued";

    private final AuthenticationFlowContext flow;
    private final Duration period;

    private DeviceMemory(AuthenticationFlowContext flow, Duration period) {
        this.flow = flow;
        this.period = period;
    }

    /** For the Twilio OTP step and phone sign-in alike. */
    public static DeviceMemory of(AuthenticationFlowContext flow) {
        Duration period;
        try {
            period = RememberDevicePeriod.of(flow.getAuthenticatorConfig() == null ? null : flow.getAuthenticatorConfig().getConfig());
        } catch (ConfigException e) {
            period = Duration.ZERO;
        }
        return new DeviceMemory(flow, period.isZero() || !RememberScope.allows(flow) ? Duration.ZERO : period);
    }

    /** A form for this request's page; the code form on it offers the box when devices may be remembered here. */
    public LoginFormsProvider form() {
        LoginFormsProvider form = flow.form();
        if (!period.isZero()) {
            form.setAttribute(OtpFormFields.REMEMBER_DAYS_MODEL, period.toDays());
        }
        return form;
    }

    /**
     * True when this browser's cookie lets the user pass the code step now; the flow's event then says so, with the
     * masked number the cookie stands for. No Twilio request either way.
     *
     * @param usableNumbers the user's numbers codes may go to now under the realm's rules; asked only when the browser
     *                      sent a cookie here
     */
    public boolean recognises(UserModel user, Supplier<Collection<String>> usableNumbers) {
        if (period.isZero()) {
            return false;
        }
        Optional<PhoneCredentialData> phone = RememberedDevices.recognise(flow.getSession(), flow.getRealm(), user, period,
                usableNumbers, Time.currentTime());
        phone.ifPresent(p -> flow.getEvent().user(user).detail(OtpEvents.DETAIL_REMEMBERED_DEVICE, USED).detail(OtpEvents.DETAIL_PHONE, PhoneNumbers.mask(p.number())));
        return phone.isPresent();
    }

    /** After Twilio approved a code to this number: a cookie for this browser when the user ticked the box. */
    public void rememberIfAsked(UserModel user, String number) {
        if (period.isZero() || !flow.getHttpRequest().getDecodedFormParameters().containsKey(OtpFormFields.REMEMBER_DEVICE)) {
            return;
        }
        if (RememberedDevices.remember(flow.getSession(), flow.getRealm(), user, number, period, Time.currentTime())) {
            flow.getEvent().detail(OtpEvents.DETAIL_REMEMBERED_DEVICE, ISSUED);
        }
    }
}

package io.github.kctwilio.otp.keycloak.page;

import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/** A message on a form: bound to one field, or for the whole page. */
public record PageMessage(Kind kind, String field, String key, Object... params) {

    public enum Kind { FIELD_ERROR, ERROR, INFO }

    public static PageMessage fieldError(String field, String key) {
        return new PageMessage(Kind.FIELD_ERROR, field, key);
    }

    public static PageMessage error(String key, Object... params) {
        return new PageMessage(Kind.ERROR, null, key, params);
    }

    public static PageMessage info(String key, Object... params) {
        return new PageMessage(Kind.INFO, null, key, params);
    }

    void applyTo(LoginFormsProvider form) {
        switch (kind) {
            case FIELD_ERROR -> form.addError(new FormMessage(field, key, params));
            case ERROR -> form.setError(key, params);
            case INFO -> form.setInfo(key, params);
        }
    }
}

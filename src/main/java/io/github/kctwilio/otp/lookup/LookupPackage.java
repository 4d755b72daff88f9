package io.github.kctwilio.otp.lookup;

/** The Lookup v2 data packages the plugin asks for; each is billed per request, SIM swap and pumping risk above line type. */
public enum LookupPackage {
    LINE_TYPE("line_type_intelligence"),
    SMS_PUMPING_RISK("sms_pumping_risk"),
    SIM_SWAP("sim_swap");

    private final String field;

    LookupPackage(String field) {
        this.field = field;
    }

    /** The value of Lookup's {@code Fields} parameter, and the name of the package in the answer. */
    public String field() {
        return field;
    }
}

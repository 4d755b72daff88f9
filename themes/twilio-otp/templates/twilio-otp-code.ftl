<#-- Code form of the Twilio OTP step. Imports only template.ftl and uses properties.kc*Class! so that it renders
     under keycloak.v2, the older keycloak theme and custom themes alike. A theme may override it by name.
     Model (twilioOtp): codeAccepted (Twilio holds a pending code for this login), channel, maskedTarget,
     resendWaitSeconds (the resend wait left, rendered by the server; the script below only counts it down live),
     alternatives (channels the user may ask for instead), maskedBackup (the user's other number, masked; empty
     when there is none or in a reset), enrolling (the number is new: offer to type another one), resendOffered
     (false for a number Twilio's risk checks refused: no new code by any channel), webOtp (a message template that can
     bind the code to this host is set and the code went by SMS: the script at the end asks the browser for it).
     twilioOtpRememberDays, outside the model: set where the step may remember this device; the box's days.
     An empty maskedTarget (a password reset) gets a sentence that does not say whether a code went out.
     Realm admins can override every message: a message printed with ?no_esc goes through kcSanitize. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
    <#if section="header">
        ${msg("twilioOtpCodeTitle")}
    <#elseif section="form">
        <#assign codeError=messagesPerField.existsError('code')>
        <#assign waiting=twilioOtp.resendOffered && twilioOtp.resendWaitSeconds gt 0>
        <form id="kc-twilio-otp-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              onsubmit="var b = this.querySelectorAll('button[type=submit]'); setTimeout(function () { b.forEach(function (x) { x.disabled = true; }); }, 0); return true;">
            <#if twilioOtp.codeAccepted>
                <#if twilioOtp.maskedTarget?has_content>
                    <p id="kc-twilio-otp-sent" class="${properties.kcFormGroupClass!}">${msg("twilioOtpCodeSent_" + twilioOtp.channel, twilioOtp.maskedTarget)}</p>
                <#else>
                    <p id="kc-twilio-otp-sent" class="${properties.kcFormGroupClass!}"><#if twilioOtpPhoneSignIn??>${msg("twilioOtpCodeSentIfRegistered")}<#else>${msg("twilioOtpCodeSentIfAccount")}</#if></p>
                </#if>
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormGroupLabelClass!} ${properties.kcLabelWrapperClass!}">
                        <label for="code" class="${properties.kcFormLabelClass!} ${properties.kcLabelClass!}">${msg("twilioOtpCodeLabel")}</label>
                    </div>
                    <div class="${properties.kcInputWrapperClass!}">
                        <span class="${properties.kcInputClass!}<#if codeError> ${properties.kcError!}</#if>">
                            <input id="code" name="code" type="text" inputmode="numeric" pattern="[0-9 ]*" maxlength="12"
                                   autocomplete="one-time-code" autofocus
                                   <#if codeError>aria-describedby="input-error-code"</#if>
                                   aria-invalid="<#if codeError>true<#else>false</#if>"/>
                        </span>
                        <#if codeError>
                            <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                                <div class="${properties.kcInputHelperTextClass!}">
                                    <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}" id="input-error-code">
                                        <span class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.get('code'))?no_esc}</span>
                                    </div>
                                </div>
                            </div>
                        </#if>
                    </div>
                </div>
                <#if twilioOtpRememberDays??>
                    <div id="kc-twilio-otp-remember" class="${properties.kcFormGroupClass!}">
                        <div class="${properties.kcCheckboxClass!} checkbox">
                            <label for="rememberDevice" class="${properties.kcCheckboxClass!}">
                                <input id="rememberDevice" name="rememberDevice" type="checkbox" value="on" class="${properties.kcCheckboxInputClass!}"/>
                                <span class="${properties.kcCheckboxLabelClass!}"><#if twilioOtpRememberDays == 1>${msg("twilioOtpRememberDeviceOneDay")}<#else>${msg("twilioOtpRememberDevice", twilioOtpRememberDays?c)}</#if></span>
                            </label>
                        </div>
                    </div>
                </#if>
                <div class="${properties.kcFormGroupClass!}">
                    <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!} ${properties.kcFormActionGroupClass!}">
                        <button id="kc-twilio-otp-verify" type="submit" name="verify"
                                class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("twilioOtpVerify")}</button>
                    </div>
                </div>
            </#if>
            <div id="kc-twilio-otp-resend-group" class="${properties.kcFormGroupClass!}">
                <#if waiting>
                    <p id="kc-twilio-otp-resend-wait" aria-live="polite">${kcSanitize(msg("twilioOtpResendWait", "<span id=\"kc-twilio-otp-seconds\">" + twilioOtp.resendWaitSeconds?c + "</span>"))?no_esc}</p>
                </#if>
                <div class="${properties.kcFormButtonsClass!} ${properties.kcFormActionGroupClass!}">
                    <#assign secondary="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">
                    <#assign primary="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">
                    <#if twilioOtp.resendOffered>
                    <button id="kc-twilio-otp-resend" type="submit" name="resend" value="true" formnovalidate data-twilio-otp-wait
                            <#if waiting>disabled</#if>
                            class="<#if twilioOtp.codeAccepted || twilioOtp.alternatives?has_content>${secondary}<#else>${primary}</#if>">${msg("twilioOtpResend")}</button>
                    </#if>
                    <#list twilioOtp.alternatives as alternative>
                        <button id="kc-twilio-otp-channel-${alternative}" type="submit" name="channel" value="${alternative}" formnovalidate data-twilio-otp-wait
                                <#if waiting>disabled</#if>
                                class="<#if !twilioOtp.codeAccepted && alternative?is_first>${primary}<#else>${secondary}</#if>">${msg("twilioOtpSwitch_" + alternative)}</button>
                    </#list>
                    <#if (twilioOtp.maskedBackup!"")?has_content>
                        <button id="kc-twilio-otp-backup-number" type="submit" name="backupNumber" value="true" formnovalidate data-twilio-otp-wait
                                <#if waiting>disabled</#if>
                                class="${secondary}">${msg("twilioOtpBackupNumber", twilioOtp.maskedBackup)}</button>
                    </#if>
                    <#if twilioOtp.enrolling>
                        <button id="kc-twilio-otp-other-number" type="submit" name="otherNumber" value="true" formnovalidate
                                class="${secondary}">${msg("twilioOtpOtherNumber")}</button>
                    </#if>
                </div>
            </div>
        </form>
        <#if !(isAppInitiatedAction??)>
        <p id="kc-twilio-otp-back" class="${properties.kcFormGroupClass!}"><a href="${url.loginRestartFlowUrl}">${msg("twilioOtpBackToLogin")}</a></p>
        </#if>
        <#if waiting>
            <script>
                // Progressive enhancement: count the server's resend wait down live and enable the buttons at zero.
                (function () {
                    var seconds = ${twilioOtp.resendWaitSeconds?c};
                    var shown = document.getElementById("kc-twilio-otp-seconds");
                    var timer = setInterval(function () {
                        seconds -= 1;
                        if (seconds > 0) {
                            shown.textContent = seconds;
                            return;
                        }
                        clearInterval(timer);
                        document.getElementById("kc-twilio-otp-resend-wait").hidden = true;
                        document.querySelectorAll("[data-twilio-otp-wait]").forEach(function (b) { b.disabled = false; });
                    }, 1000);
                })();
            </script>
        </#if>
        <#if twilioOtp.webOtp && twilioOtp.codeAccepted>
            <script id="kc-twilio-otp-webotp">
                // Progressive enhancement (WebOTP): a browser that supports it offers the code of an SMS whose last line
                // is "@this.host #code", and only to a page of that host; the code is filled in and submitted. Without
                // support, or when the user declines, nothing happens: the field takes a typed or pasted code as ever.
                (function () {
                    if (!("OTPCredential" in window) || !window.AbortController || !navigator.credentials) {
                        return;
                    }
                    var form = document.getElementById("kc-twilio-otp-code-form");
                    var input = document.getElementById("code");
                    var verify = document.getElementById("kc-twilio-otp-verify");
                    var asking = new AbortController();
                    // Any submit (a typed code, a resend) ends the wait for the SMS.
                    form.addEventListener("submit", function () { asking.abort(); });
                    navigator.credentials.get({otp: {transport: ["sms"]}, signal: asking.signal}).then(function (otp) {
                        if (!otp || !otp.code || asking.signal.aborted) {
                            return;
                        }
                        input.value = otp.code;
                        if (form.requestSubmit) {
                            form.requestSubmit(verify);
                        } else {
                            verify.click();
                        }
                    }).catch(function () {
                        // Aborted, timed out or declined: the user types the code.
                    });
                })();
            </script>
        </#if>
    </#if>
</@layout.registrationLayout>

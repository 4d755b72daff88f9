<#-- Code form of the Twilio OTP step. Imports only template.ftl and uses properties.kc*Class! so that it renders
     under keycloak.v2, the older keycloak theme and custom themes alike. A theme may override it by name.
     twilioOtp.codeAccepted: Twilio holds a pending code for this login. twilioOtp.resendWaitSeconds: cooldown left. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
    <#if section="header">
        ${msg("twilioOtpCodeTitle")}
    <#elseif section="form">
        <#assign codeError=messagesPerField.existsError('code')>
        <form id="kc-twilio-otp-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              onsubmit="var b = this.querySelectorAll('button[type=submit]'); setTimeout(function () { b.forEach(function (x) { x.disabled = true; }); }, 0); return true;">
            <#if twilioOtp.codeAccepted>
                <p id="kc-twilio-otp-sent" class="${properties.kcFormGroupClass!}">${msg("twilioOtpCodeSent_" + twilioOtp.channel, twilioOtp.maskedPhone)}</p>
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
                            <span id="input-error-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                                ${kcSanitize(messagesPerField.get('code'))?no_esc}
                            </span>
                        </#if>
                    </div>
                </div>
                <div class="${properties.kcFormGroupClass!}">
                    <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!} ${properties.kcFormActionGroupClass!}">
                        <button id="kc-twilio-otp-verify" type="submit" name="verify"
                                class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("twilioOtpVerify")}</button>
                    </div>
                </div>
            </#if>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormButtonsClass!} ${properties.kcFormActionGroupClass!}">
                    <#if twilioOtp.resendWaitSeconds gt 0>
                        <p id="kc-twilio-otp-resend-wait">${msg("twilioOtpResendWait", twilioOtp.resendWaitSeconds?c)}</p>
                    </#if>
                    <button id="kc-twilio-otp-resend" type="submit" name="resend" value="true" formnovalidate
                            <#if twilioOtp.resendWaitSeconds gt 0>disabled</#if>
                            class="${properties.kcButtonClass!} <#if twilioOtp.codeAccepted>${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!}<#else>${properties.kcButtonPrimaryClass!}</#if> ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("twilioOtpResend")}</button>
                </div>
            </div>
        </form>
        <p id="kc-twilio-otp-back"><a href="${url.loginRestartFlowUrl}">${msg("twilioOtpBackToLogin")}</a></p>
    </#if>
</@layout.registrationLayout>

<#-- Phone-number form of the Twilio OTP step. Imports only template.ftl and uses properties.kc*Class! so that it
     renders under keycloak.v2, the older keycloak theme and custom themes alike. A theme may override it by name. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phoneNumber'); section>
    <#if section="header">
        <#-- twilioOtpPhoneSignIn: the page of "Twilio OTP: sign in with phone number". -->
        <#if twilioOtpPhoneSignIn??>${msg("twilioOtpPhoneSignInTitle")}<#else>${msg("twilioOtpPhoneTitle")}</#if>
    <#elseif section="form">
        <#assign phoneError=messagesPerField.existsError('phoneNumber')>
        <form id="kc-twilio-otp-phone-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              onsubmit="document.getElementById('kc-twilio-otp-send').disabled = true; return true;">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!} ${properties.kcLabelWrapperClass!}">
                    <label for="phoneNumber" class="${properties.kcFormLabelClass!} ${properties.kcLabelClass!}">${msg("twilioOtpPhoneLabel")}</label>
                </div>
                <div class="${properties.kcInputWrapperClass!}">
                    <span class="${properties.kcInputClass!}<#if phoneError> ${properties.kcError!}</#if>">
                        <input id="phoneNumber" name="phoneNumber" type="tel" value="${(twilioOtp.phoneInput)!''}"
                               autocomplete="tel" inputmode="tel" maxlength="40" autofocus required
                               aria-describedby="phoneNumber-help<#if phoneError> input-error-phoneNumber</#if>"
                               aria-invalid="<#if phoneError>true<#else>false</#if>"/>
                    </span>
                    <div id="phoneNumber-help" class="${properties.kcFormHelperTextClass!}"><#if twilioOtpPhoneSignIn??>${msg("twilioOtpPhoneSignInHelp")}<#else>${msg("twilioOtpPhoneHelp")}</#if></div>
                    <#if phoneError>
                        <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                            <div class="${properties.kcInputHelperTextClass!}">
                                <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}" id="input-error-phoneNumber">
                                    <span class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.get('phoneNumber'))?no_esc}</span>
                                </div>
                            </div>
                        </div>
                    </#if>
                </div>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!} ${properties.kcFormActionGroupClass!}">
                    <button id="kc-twilio-otp-send" type="submit" name="send"
                            class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("twilioOtpSendCode")}</button>
                    <#if isAppInitiatedAction??>
                        <#-- Asked for by an application (kc_action): the user may keep the current number. -->
                        <button id="kc-twilio-otp-cancel" type="submit" name="cancel-aia" value="true" formnovalidate
                                class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("twilioOtpKeepNumber")}</button>
                    </#if>
                </div>
            </div>
        </form>
        <#if !(isAppInitiatedAction??)>
            <p id="kc-twilio-otp-back" class="${properties.kcFormGroupClass!}"><a href="${url.loginRestartFlowUrl}">${msg("twilioOtpBackToLogin")}</a></p>
        </#if>
    </#if>
</@layout.registrationLayout>

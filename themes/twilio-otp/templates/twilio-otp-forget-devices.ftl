<#-- The required action "Forget remembered devices": one question, one button. Keycloak's own "cancel-aia" button
     ends an application-initiated action with kc_action_status=cancelled. Imports only template.ftl and uses
     properties.kc*Class! so that it renders under keycloak.v2, the older keycloak theme and custom themes alike. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
    <#if section="header">
        ${msg("twilioOtpForgetDevicesTitle")}
    <#elseif section="form">
        <form id="kc-twilio-otp-forget-devices-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <p id="kc-twilio-otp-forget-devices-text" class="${properties.kcFormGroupClass!}">${msg("twilioOtpForgetDevicesText")}</p>
            <div class="${properties.kcFormGroupClass!}">
                <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!} ${properties.kcFormActionGroupClass!}">
                    <button id="kc-twilio-otp-forget-devices" type="submit" name="forgetDevices" value="true"
                            class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("twilioOtpForgetDevices")}</button>
                    <#if isAppInitiatedAction??>
                        <button id="kc-twilio-otp-forget-devices-cancel" type="submit" name="cancel-aia" value="true" formnovalidate
                                class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("twilioOtpCancel")}</button>
                    </#if>
                </div>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>

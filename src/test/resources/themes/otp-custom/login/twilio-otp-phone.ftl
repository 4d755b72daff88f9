<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phoneNumber'); section>
    <#if section="header">
        Acme: your mobile number
    <#elseif section="form">
        <form id="kc-twilio-otp-phone-form" action="${url.loginAction}" method="post" data-theme="acme-custom">
            <label for="phoneNumber">Acme mobile</label>
            <input id="phoneNumber" name="phoneNumber" type="tel" autocomplete="tel"/>
            <#if messagesPerField.existsError('phoneNumber')>
                <span id="input-error-phoneNumber">${kcSanitize(messagesPerField.get('phoneNumber'))?no_esc}</span>
            </#if>
            <button id="kc-twilio-otp-send" type="submit">Send</button>
        </form>
    </#if>
</@layout.registrationLayout>

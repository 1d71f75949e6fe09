namespace Commerce.Identity.Api.Accounts;

public static class SignInMessages
{
    /// <summary>
    /// The one answer to every refused sign-in: it must not differ between an unknown e-mail, a wrong password and a
    /// locked account, or it would tell a stranger which e-mails have accounts.
    /// </summary>
    public const string Refused =
        "The e-mail or password is not right, or the account is locked for a while after 5 failed attempts.";
}

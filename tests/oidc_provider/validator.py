from oauth2_provider.oauth2_validators import OAuth2Validator

# Members of this group have an address the organisation has not verified.
UNVERIFIED = "unverified-email"


class Validator(OAuth2Validator):
    """The e-mail address claims of the ID token (scope "email"), as an organisation's
    directory gives them."""

    def get_additional_claims(self, request):
        user = request.user
        return {
            "email": user.email,
            "email_verified": not user.groups.filter(name=UNVERIFIED).exists(),
            "name": user.get_full_name(),
        }

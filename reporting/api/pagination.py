from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Fixed pages of 50, in the list's stable order: ?page=2."""

    page_size = 50
    last_page_strings = ()  # a page is a number

    def get_page_number(self, request, paginator):
        if request.query_params.get(self.page_query_param) == "":
            return ""  # not a page number: 404 like any other, not silently the first page
        return super().get_page_number(request, paginator)

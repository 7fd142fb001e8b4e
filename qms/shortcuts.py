"""The page helpers every app's views use: pagination, the one form page, the breadcrumb trail.

Not a view module: views of `qms`, `audits` and `certificates` import from here, so that a list
paginates, a form saves and reports, and a page says where it stands in the same way everywhere.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Window
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _

from qms.models.submissions import AlreadySubmitted, FormSubmission

PER_PAGE = 50


def paginate(request, queryset, per_page=PER_PAGE, param="page"):
    """One page of `queryset`, its number read from `param` of the query string. A page that
    shows several lists gives each its own `param`; includes/pagination.html keeps the others'
    page numbers in its links."""
    page = Paginator(queryset, per_page).get_page(request.GET.get(param))
    page.param = param
    return page


class CountingPaginator(Paginator):
    """A paginator whose page's query counts all the rows too (a window function): a search
    walks its matches once, not once to count them and again to rank them. Only a page past the
    last one (a stale link) costs the usual count, and then the last page."""

    def get_page(self, number):
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        bottom = (number - 1) * self.per_page
        rows = list(
            self.object_list.annotate(_rows_in_all=Window(Count("*")))[
                bottom : bottom + self.per_page
            ]
        )
        if not rows and number == 1:
            self.__dict__["count"] = 0
            return self._get_page(rows, 1, self)
        if not rows:
            return super().get_page(number)
        self.__dict__["count"] = rows[0]._rows_in_all  # Paginator.count is a cached_property
        try:
            return self._get_page(rows, self.validate_number(number), self)
        except InvalidPage:  # fewer rows than the page's number says: orphans
            return super().get_page(number)


def paginate_counting(request, queryset, per_page=PER_PAGE):
    """`paginate`, in one query for the page and the count (CountingPaginator)."""
    return CountingPaginator(queryset, per_page).get_page(request.GET.get("page"))


def submitted(request):
    """The form data of a POST (even an empty one, which must show the form's errors) and its
    files; (None, None) for a GET, so the form starts unbound: `Form(*submitted(request))`."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def crumb(label, to, *args, **kwargs):
    """One step of a breadcrumb trail: a label and where it leads (a URL name with its
    arguments, a model instance with `get_absolute_url`, or a URL)."""
    return (label, resolve_url(to, *args, **kwargs))


def form_page(
    request,
    form,
    *,
    title,
    cancel,
    save=None,
    done=None,
    success_url=None,
    breadcrumbs=(),
    template="intranet/form.html",
    **context,
):
    """The one create/update view body: show `form`; on a valid POST save it, say so, redirect.

    `save(form)` does the saving (by default `form.save()`) and returns the record; a
    ValidationError it raises (a workflow's rule) is shown on the form and nothing is saved.
    `done` is the message shown after saving: a text, or a function of the saved record that
    may return nothing when `save` has said it itself (by default "Saved: <record>."). The user
    is then sent to `success_url` (a URL name, a URL, a model instance, or a function of the
    saved record returning one of those) or, by default, to the saved record. `cancel` is
    where Cancel leads.

    Sent twice (a double click, a resent POST), the form saves once: each form carries a
    single-use token, claimed in the transaction that saves, and the second sending is led
    where the first one went. Two different users saving the same unique code at once get the
    form back with the uniqueness message, not an error page.
    """
    token = _submission_token(request)
    if request.method == "POST":
        # Sent before and saved: lead where the first sending went. Asked again when the form
        # fails validation, since the record saved meanwhile fails this form's uniqueness checks.
        if token and (earlier := _earlier_sending(request, token)):
            return earlier
        if not form.is_valid():
            if token and (earlier := _earlier_sending(request, token)):
                return earlier
        else:
            try:
                with transaction.atomic():
                    claim = FormSubmission.claim(token, request.user) if token else None
                    record = save(form) if save else form.save()
                    if callable(success_url):
                        target = resolve_url(success_url(record))
                    else:
                        target = resolve_url(success_url or record)
                    if claim:
                        claim.done(target)
            except AlreadySubmitted as earlier:
                return _already_sent(request, earlier.url)
            except ValidationError as error:
                form.add_error(None, error)
            except IntegrityError:
                _show_conflict(form)
            else:
                if done is None:
                    done = _("Saved: %(record)s.") % {"record": record}
                elif callable(done):
                    done = done(record)
                if done:
                    messages.success(request, done)
                return redirect(target)
    context.update(
        form=form,
        title=title,
        back_href=resolve_url(cancel),
        breadcrumbs=breadcrumbs,
        submission=token or FormSubmission.new_token(),
    )
    return render(request, template, context)


def _earlier_sending(request, token):
    """A redirect to where the form went when it was first sent with `token`, or None."""
    earlier = FormSubmission.objects.filter(token=token, user=request.user).first()
    return _already_sent(request, earlier.result_url) if earlier else None


def _already_sent(request, url):
    messages.info(request, _("This form had already been sent; it was saved once."))
    return redirect(url or request.get_full_path())


def _submission_token(request):
    try:
        return uuid.UUID(request.POST.get("submission", ""))
    except ValueError:
        return None


def _show_conflict(form):
    """Another request saved a conflicting row between validation and saving: say which rule."""
    instance = getattr(form, "instance", None)
    try:
        if instance is not None and instance._state.adding:
            instance.pk = None
            instance.validate_unique()
            instance.validate_constraints()
    except ValidationError as error:
        form.add_error(None, error)
    else:
        form.add_error(
            None,
            _(
                "Someone saved a record that conflicts with this one a moment ago. Check it, then "
                "send the form again."
            ),
        )


def show_errors(request, error):
    """A workflow step refused by its rules: each reason becomes an error message."""
    for message in error.messages:
        messages.error(request, message)


def workflow_step(request, step, done, then):
    """Run `step()`, a service that raises ValidationError when its rules refuse; say `done` or
    each reason, and go to `then` (a URL or a record): the one shape of a POST-only step."""
    try:
        step()
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, done)
    return redirect(then)


def field_labels(model, names):
    """The model's own names for its fields, to label a record's page as its form is labelled."""
    return {name: model._meta.get_field(name).verbose_name for name in names}

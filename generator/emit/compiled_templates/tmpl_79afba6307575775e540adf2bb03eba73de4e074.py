from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_operations.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_operation_constant = l_0_method = missing
    try:
        t_1 = environment.filters['annotation']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'annotation' found.")
    try:
        t_2 = environment.filters['doc']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'doc' found.")
    try:
        t_3 = environment.filters['docstring']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'docstring' found.")
    try:
        t_4 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_5 = environment.filters['name']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'name' found.")
    try:
        t_6 = environment.filters['py']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'py' found.")
    try:
        t_7 = environment.filters['sort']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'sort' found.")
    try:
        t_8 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    def macro(l_1_op):
        t_9 = []
        if l_1_op is missing:
            l_1_op = undefined("parameter 'op' was not provided", name='op')
        pass
        t_9.extend((
            '\n',
            escape(environment.finalize(t_5(environment.getattr(l_1_op, 'constant')))),
            ': Operation[',
            escape(environment.finalize(t_1(context.call(environment.getattr(l_1_op, 'return_annotation'), False)))),
            '] = Operation(\n    name=',
            escape(environment.finalize(t_6(environment.getattr(l_1_op, 'operation_id')))),
            ',\n    method=',
            escape(environment.finalize(t_6(environment.getattr(l_1_op, 'http_method')))),
            ',\n    path=',
            escape(environment.finalize(t_6(environment.getattr(l_1_op, 'path')))),
            ',\n',
        ))
        if environment.getattr(l_1_op, 'response_class'):
            pass
            t_9.extend((
                '    response_model=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'response_class')))),
                ',\n',
            ))
        if (environment.getattr(l_1_op, 'response_kind') != 'model'):
            pass
            t_9.extend((
                '    response_kind=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'response_kind')))),
                ',\n',
            ))
        if environment.getattr(l_1_op, 'other_responses'):
            pass
            t_9.extend((
                '    other_responses=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'other_responses')))),
                ',\n',
            ))
        if (environment.getattr(l_1_op, 'accept') != 'application/json'):
            pass
            t_9.extend((
                '    accept=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'accept')))),
                ',\n',
            ))
        if environment.getattr(l_1_op, 'has_events_method'):
            pass
            t_9.extend((
                '    events_method=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'events_method_name')))),
                ',\n',
            ))
        if environment.getattr(l_1_op, 'request_class'):
            pass
            t_9.extend((
                '    request_model=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'request_class')))),
                ',\n',
            ))
        if environment.getattr(l_1_op, 'parameters_class'):
            pass
            t_9.extend((
                '    parameters_model=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'parameters_class')))),
                ',\n',
            ))
        if environment.getattr(l_1_op, 'renamed_arguments'):
            pass
            t_9.extend((
                '    arguments=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'renamed_arguments')))),
                ',\n',
            ))
        if environment.getattr(l_1_op, 'renamed_request_options'):
            pass
            t_9.extend((
                '    options=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'renamed_request_options')))),
                ',\n',
            ))
        if environment.getattr(l_1_op, 'paid_task'):
            pass
            t_9.append(
                '    paid_task=True,\n',
            )
        if environment.getattr(l_1_op, 'idempotency_key'):
            pass
            t_9.extend((
                '    idempotency_key=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'idempotency_key')))),
                ',\n',
            ))
        if environment.getattr(l_1_op, 'checks'):
            pass
            t_9.extend((
                '    checks=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'checks')))),
                ',\n',
            ))
        if environment.getattr(l_1_op, 'query_styles'):
            pass
            t_9.extend((
                '    query_styles=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'query_style_map')))),
                ',\n',
            ))
        if environment.getattr(l_1_op, 'path_styles'):
            pass
            t_9.extend((
                '    path_styles=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'path_style_map')))),
                ',\n',
            ))
        if environment.getattr(l_1_op, 'exploded_headers'):
            pass
            t_9.extend((
                '    exploded_headers=frozenset(',
                escape(environment.finalize(t_6(t_4(context.eval_ctx, t_7(environment, environment.getattr(l_1_op, 'exploded_headers')))))),
                '),\n',
            ))
        if (environment.getattr(l_1_op, 'body_encoding') != 'json'):
            pass
            t_9.extend((
                '    body_encoding=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'body_encoding')))),
                ',\n',
            ))
        if environment.getattr(l_1_op, 'body_content_type'):
            pass
            t_9.extend((
                '    body_content_type=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'body_content_type')))),
                ',\n',
            ))
        if (not t_8(environment.getattr(l_1_op, 'security'))):
            pass
            t_9.extend((
                '    security=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'security')))),
                ',\n',
            ))
        if environment.getattr(l_1_op, 'file_fields'):
            pass
            t_9.extend((
                '    file_fields=frozenset(',
                escape(environment.finalize(t_6(t_4(context.eval_ctx, t_7(environment, environment.getattr(l_1_op, 'file_fields')))))),
                '),\n',
            ))
        if environment.getattr(l_1_op, 'task'):
            pass
            t_9.extend((
                '    create_method=',
                escape(environment.finalize(t_6(environment.getattr(l_1_op, 'method_name')))),
                ',\n    task_id_at=',
                escape(environment.finalize(t_6(environment.getattr(environment.getattr(l_1_op, 'task'), 'id')))),
                ',\n',
            ))
        t_9.append(
            ')\n',
        )
        if environment.getattr(l_1_op, 'has_events_method'):
            pass
            t_9.extend((
                '\n',
                escape(environment.finalize(t_5(environment.getattr(l_1_op, 'events_constant')))),
                ': Operation[EventStream] = as_events(',
                escape(environment.finalize(t_5(environment.getattr(l_1_op, 'constant')))),
                ')\n',
            ))
        return concat(t_9)
    context.exported_vars.add('operation_constant')
    context.vars['operation_constant'] = l_0_operation_constant = Macro(environment, macro, 'operation_constant', ('op',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_op, l_1_is_async, l_1_in_resource, l_1_events):
        t_10 = []
        l_1_whole = resolve('whole')
        l_1_o = l_1_method_name = l_1_constant = l_1_returns = l_1_recast = missing
        if l_1_op is missing:
            l_1_op = undefined("parameter 'op' was not provided", name='op')
        if l_1_is_async is missing:
            l_1_is_async = undefined("parameter 'is_async' was not provided", name='is_async')
        if l_1_in_resource is missing:
            l_1_in_resource = False
        if l_1_events is missing:
            l_1_events = False
        pass
        l_1_o = environment.getattr(l_1_op, 'options')
        l_1_method_name = (environment.getattr(l_1_op, 'events_method_name') if l_1_events else environment.getattr(l_1_op, 'method_name'))
        l_1_constant = (environment.getattr(l_1_op, 'events_constant') if l_1_events else environment.getattr(l_1_op, 'constant'))
        l_1_returns = (('AsyncEventStream' if l_1_is_async else 'EventStream') if l_1_events else context.call(environment.getattr(l_1_op, 'return_annotation'), l_1_is_async))
        t_10.append(
            '\n    ',
        )
        if l_1_is_async:
            pass
            t_10.append(
                'async ',
            )
        t_10.extend((
            'def ',
            escape(environment.finalize(t_5((undefined(name='method_name') if l_1_method_name is missing else l_1_method_name)))),
            '(\n        self,\n        *,\n',
        ))
        for l_2_p in environment.getattr(l_1_op, 'signature_parameters'):
            _loop_vars = {}
            pass
            t_10.extend((
                '        ',
                escape(environment.finalize(t_5(environment.getattr(l_2_p, 'name')))),
                ': ',
                escape(environment.finalize(t_1(environment.getattr(l_2_p, 'signature_annotation')))),
            ))
            if (not environment.getattr(l_2_p, 'required')):
                pass
                t_10.append(
                    ' = NOT_GIVEN',
                )
            t_10.append(
                ',\n',
            )
        l_2_p = missing
        t_10.extend((
            '        ',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'extra_headers')))),
            ': Mapping[str, str] | None = None,\n        ',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'extra_query')))),
            ': Mapping[str, Any] | None = None,\n',
        ))
        if environment.getattr(l_1_op, 'takes_extra_body'):
            pass
            t_10.extend((
                '        ',
                escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'extra_body')))),
                ': Mapping[str, Any] | None = None,\n',
            ))
        t_10.extend((
            '        ',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'timeout')))),
            ': float | httpx.Timeout | None | NotGiven = NOT_GIVEN,\n    ) -> ',
            escape(environment.finalize(t_1((undefined(name='returns') if l_1_returns is missing else l_1_returns)))),
            ':\n',
        ))
        if l_1_events:
            pass
            t_10.extend((
                '        """`',
                escape(environment.finalize(t_2(environment.getattr(l_1_op, 'method_name')))),
                '`, with its answer read as server-sent events, each as it arrives.\n\n        Same arguments as `',
                escape(environment.finalize(t_2(environment.getattr(l_1_op, 'method_name')))),
                '`; the API may need its own switch to stream\n        (an argument such as `stream`). Returns an `',
                escape(environment.finalize(t_2((undefined(name='returns') if l_1_returns is missing else l_1_returns)))),
                '`: iterate it for\n        `ServerSentEvent`s (`.event`, `.data`, `.json()`), and close it (or use it in a\n        `with` block) if you stop early.\n        """\n',
            ))
        else:
            pass
            t_10.extend((
                '        ',
                escape(environment.finalize(t_3(l_1_op))),
                '\n',
            ))
        l_1_recast = (l_1_is_async and (l_1_events or environment.getattr(l_1_op, 'async_recast')))
        t_10.append(
            '        return ',
        )
        if (undefined(name='recast') if l_1_recast is missing else l_1_recast):
            pass
            t_10.extend((
                'cast(',
                escape(environment.finalize(t_6((undefined(name='returns') if l_1_returns is missing else l_1_returns)))),
                ', ',
            ))
        if l_1_is_async:
            pass
            t_10.append(
                'await ',
            )
        t_10.append(
            'self.',
        )
        if l_1_in_resource:
            pass
            t_10.append(
                '_client.',
            )
        t_10.extend((
            '_request(\n            ',
            escape(environment.finalize(t_5((undefined(name='constant') if l_1_constant is missing else l_1_constant)))),
            ',\n',
        ))
        for (l_2_location, l_2_params) in environment.getattr(l_1_op, 'argument_groups'):
            _loop_vars = {}
            pass
            t_10.extend((
                '            ',
                escape(environment.finalize(t_5(l_2_location))),
                '={\n',
            ))
            for l_3_p in l_2_params:
                _loop_vars = {}
                pass
                if environment.getattr(l_3_p, 'json_text'):
                    pass
                    t_10.extend((
                        '                ',
                        escape(environment.finalize(t_6(environment.getattr(l_3_p, 'json_name')))),
                        ': _json_text(',
                        escape(environment.finalize(t_5(environment.getattr(l_3_p, 'name')))),
                        '),\n',
                    ))
                else:
                    pass
                    t_10.extend((
                        '                ',
                        escape(environment.finalize(t_6(environment.getattr(l_3_p, 'json_name')))),
                        ': ',
                        escape(environment.finalize(t_5(environment.getattr(l_3_p, 'name')))),
                        ',\n',
                    ))
            l_3_p = missing
            t_10.append(
                '            },\n',
            )
        l_2_location = l_2_params = missing
        if environment.getattr(l_1_op, 'body_argument'):
            pass
            l_1_whole = t_5(environment.getattr(environment.getattr(l_1_op, 'body_argument'), 'name'))
            if environment.getattr(environment.getattr(l_1_op, 'body_argument'), 'required'):
                pass
                t_10.extend((
                    '            body=',
                    escape(environment.finalize((undefined(name='whole') if l_1_whole is missing else l_1_whole))),
                    ',\n',
                ))
            else:
                pass
                t_10.extend((
                    '            body=None if isinstance(',
                    escape(environment.finalize((undefined(name='whole') if l_1_whole is missing else l_1_whole))),
                    ', NotGiven) else ',
                    escape(environment.finalize((undefined(name='whole') if l_1_whole is missing else l_1_whole))),
                    ',\n',
                ))
        t_10.extend((
            '            extra_headers=',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'extra_headers')))),
            ',\n            extra_query=',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'extra_query')))),
            ',\n',
        ))
        if environment.getattr(l_1_op, 'takes_extra_body'):
            pass
            t_10.extend((
                '            extra_body=',
                escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'extra_body')))),
                ',\n',
            ))
        t_10.extend((
            '            timeout=',
            escape(environment.finalize(t_5(environment.getattr((undefined(name='o') if l_1_o is missing else l_1_o), 'timeout')))),
            ',\n        )',
        ))
        if (undefined(name='recast') if l_1_recast is missing else l_1_recast):
            pass
            t_10.append(
                ')',
            )
        t_10.append(
            '\n',
        )
        return concat(t_10)
    context.exported_vars.add('method')
    context.vars['method'] = l_0_method = Macro(environment, macro, 'method', ('op', 'is_async', 'in_resource', 'events'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '3=60&5=67&6=71&7=73&8=75&9=78&10=82&12=85&13=89&15=92&16=96&18=99&19=103&21=106&22=110&24=113&25=117&27=120&28=124&30=127&31=131&33=134&34=138&36=141&39=146&40=150&42=153&43=157&45=160&46=164&48=167&49=171&51=174&52=178&54=181&55=185&57=188&58=192&60=195&61=199&63=202&64=206&66=209&67=213&68=215&71=221&73=225&76=233&77=246&79=247&80=248&81=249&83=253&86=263&87=268&89=283&90=285&91=288&92=292&94=297&95=299&96=302&97=306&99=308&100=310&105=317&108=320&109=324&110=346&111=349&112=354&113=357&114=360&115=364&117=373&122=383&123=385&124=386&125=390&127=397&130=404&131=406&132=409&133=413&135=418&136=421'
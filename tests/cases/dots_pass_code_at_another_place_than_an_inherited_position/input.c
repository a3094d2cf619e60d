static int lst_session_name(struct lst_session *ses, struct lst_reply *reply)
{
	int namelen;

	reply->lr_sid = lst_session_sid(ses);
	namelen = strscpy(reply->lr_name, ses->ls_name, sizeof(reply->lr_name));
	if (namelen < 0)
		return namelen;
	return 0;
}

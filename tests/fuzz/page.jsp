<%@ page pageEncoding="UTF-8"%>
<%-- only a directive --%>
